using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Storage;

namespace GongOperator.LocalCluster.Server;

/// <summary>
/// The <c>/scale</c> subresource: an autoscaling/v1 Scale view of spec.replicas (Deployments, and CRDs
/// declaring <c>subresources.scale</c> with simple dotted paths); writing it changes only spec.replicas.
/// </summary>
internal sealed class ScaleSubresource
{
    private readonly ObjectStore _store;
    private readonly ObjectReader _reader;
    private readonly ObjectWriter _writer;

    public ScaleSubresource(ObjectStore store, ObjectReader reader, ObjectWriter writer)
    {
        _store = store;
        _reader = reader;
        _writer = writer;
    }

    public JsonObject Get(ResourceType type, string? ns, string name) => ToScale(type, _reader.Get(type, ns, name));

    /// <summary>Changes spec.replicas through the Scale view; <paramref name="change"/> maps the current Scale to the wanted one.</summary>
    public WriteResult Write(ResourceType type, string? ns, string name, Func<JsonObject, JsonObject> change, WriteOptions options)
    {
        lock (_store.WriteLock)
        {
            var old = _store.Get(type.StorageKey, ns, name) ?? throw StatusException.NotFound(type, name);
            var wanted = change(ToScale(type, _reader.ForRead(type, old)));
            var rv = Json.Text(wanted["metadata"]?["resourceVersion"]);
            if (!string.IsNullOrEmpty(rv) && rv != Json.Text(old["metadata"]?["resourceVersion"]))
            {
                throw StatusException.Conflict(type, name);
            }

            var replicas = Json.Number(wanted["spec"]?["replicas"]);
            if (replicas is null or < 0)
            {
                throw StatusException.Invalid("Scale.autoscaling", "autoscaling", "Scale", name, [new StatusCause("FieldValueInvalid", $"Invalid value: {wanted["spec"]?["replicas"]?.ToJsonString() ?? "null"}: must be greater than or equal to 0", "spec.replicas")]);
            }

            var candidate = (JsonObject)_reader.ForRead(type, old).DeepClone();
            SetAt(candidate, type.SpecReplicasPath, replicas.Value);
            var result = _writer.Write(type, ns, name, null, candidate, old, options, apply: false);
            return result.With(ToScale(type, result.Body));
        }
    }

    private static JsonObject ToScale(ResourceType type, JsonObject obj)
    {
        var meta = obj["metadata"] as JsonObject ?? [];
        var scaleMeta = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (meta[field] is { } value)
            {
                scaleMeta[field] = value.DeepClone();
            }
        }

        var selector = type.IsCustom
            ? (type.LabelSelectorPath is { } selectorPath ? Json.Text(At(obj, selectorPath)) ?? "" : "")
            : string.Join(",", (obj["spec"]?["selector"]?["matchLabels"] as JsonObject ?? []).Select(kv => kv.Key + "=" + Json.Text(kv.Value)));
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = new JsonObject { ["replicas"] = Json.Number(At(obj, type.SpecReplicasPath)) ?? (type.IsCustom ? 0 : 1) },
            ["status"] = new JsonObject { ["replicas"] = Json.Number(At(obj, type.StatusReplicasPath)) ?? 0, ["selector"] = selector },
        };
    }

    private static JsonNode? At(JsonObject obj, string dottedPath)
    {
        JsonNode? node = obj;
        foreach (var segment in dottedPath.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node;
    }

    private static void SetAt(JsonObject obj, string dottedPath, long value)
    {
        var segments = dottedPath.Split('.');
        var current = obj;
        foreach (var segment in segments[..^1])
        {
            if (current[segment] is not JsonObject next)
            {
                next = [];
                current[segment] = next;
            }

            current = next;
        }

        current[segments[^1]] = value;
    }
}
