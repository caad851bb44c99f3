using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Patching;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Strategies;
using GongOperator.LocalCluster.Validation;

namespace GongOperator.LocalCluster.Server;

/// <summary>
/// Everything a write goes through before commit: server-set metadata, the status subresource split,
/// unknown fields under fieldValidation, the kind's strategy (prepare, validate, simulated controllers),
/// generation and managedFields.
/// </summary>
internal sealed class Admission
{
    private static readonly string[] CarriedOverMetadata = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "name", "namespace"];
    private readonly ResourceStrategies _strategies;
    private readonly TimeProvider _time;

    public Admission(ResourceStrategies strategies, TimeProvider time)
    {
        _strategies = strategies;
        _time = time;
    }

    /// <summary>The object to store for a create (<paramref name="old"/> null) or an update; throws the 400/422 a real server gives.</summary>
    public JsonObject Admit(ResourceType type, JsonObject candidate, JsonObject? old, string? subresource, WriteOptions options, bool apply)
    {
        var strategy = _strategies.For(type);
        var nowTime = _time.GetUtcNow();
        var now = FieldManager.FormatTime(nowTime);
        var obj = old is not null && subresource == "status" ? StatusWrite(candidate, old, apply) : candidate;
        obj["apiVersion"] = type.GroupVersion;
        obj["kind"] = type.Kind;
        var meta = Json.Metadata(obj);
        meta.Remove("selfLink");
        if (old is null)
        {
            ResetServerFields(type, obj, meta, now);
        }
        else
        {
            CarryOver(type, obj, meta, old, subresource);
        }

        var unknownFields = DropUnknownTopLevel(type, obj, meta);
        unknownFields.AddRange(strategy.DropUnknownFields(obj));
        ReportUnknownFields(type, unknownFields, options);
        if (old is null)
        {
            strategy.PrepareForCreate(obj, now);
        }
        else
        {
            strategy.PrepareForUpdate(obj, old, now);
        }

        var causes = new List<StatusCause>(MetadataRules.Validate(meta, strategy.NameErrors));
        causes.AddRange(strategy.Validate(obj));
        causes.AddRange(FinalizersAddedDuringDeletion(meta, old));
        if (causes.Count > 0)
        {
            throw StatusException.Invalid(type, Json.Text(meta["name"]) ?? "", causes);
        }

        if (type.HasGeneration)
        {
            SetGeneration(type, obj, meta, old);
        }

        strategy.SimulateControllers(obj, old, now);
        return apply ? obj : FieldOwnership.RecordUpdate(type, obj, old, options.FieldManager, nowTime, subresource);
    }

    /// <summary>Refuses a body whose apiVersion/kind/metadata do not fit the URL's resource, with the real server's decoding messages.</summary>
    public static void CheckKind(ResourceType type, JsonObject body)
    {
        foreach (var field in new[] { "apiVersion", "kind" })
        {
            if (body[field] is { } value && Json.Text(value) is null)
            {
                throw StatusException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: json: cannot unmarshal {value.GetValueKind().ToString().ToLowerInvariant()} into Go struct field {type.Kind}.{field} of type string");
            }
        }

        var apiVersion = Json.Text(body["apiVersion"]);
        var kind = Json.Text(body["kind"]);
        if (string.IsNullOrEmpty(kind) && !type.IsCustom)
        {
            // Typed endpoints decode into the URL's kind when the body names none, as the real server does.
            kind = type.Kind;
            apiVersion ??= type.GroupVersion;
        }

        if (string.IsNullOrEmpty(kind))
        {
            var text = body.ToJsonString();
            throw StatusException.BadRequest($"Object 'Kind' is missing in '{(text.Length > 100 ? text[..100] : text)}'");
        }

        if (kind != type.Kind || (apiVersion is not null && apiVersion != type.GroupVersion))
        {
            throw StatusException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        }

        if (body["metadata"] is { } m && m is not JsonObject)
        {
            throw StatusException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: json: cannot unmarshal {m.GetValueKind().ToString().ToLowerInvariant()} into Go struct field {type.Kind}.metadata of type v1.ObjectMeta");
        }
    }

    /// <summary>Puts the URL's namespace into the body (400 when the body names another); cluster-scoped objects have none.</summary>
    public static void SetNamespace(ResourceType type, string? ns, JsonObject meta)
    {
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
            return;
        }

        var bodyNs = Json.Text(meta["namespace"]);
        if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
        {
            throw StatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        meta["namespace"] = ns;
    }

    /// <summary>A /status write changes only status (and managedFields) of the stored object.</summary>
    private static JsonObject StatusWrite(JsonObject candidate, JsonObject old, bool apply)
    {
        var obj = (JsonObject)old.DeepClone();
        if (candidate["status"] is { } status)
        {
            obj["status"] = status.DeepClone();
        }
        else
        {
            obj.Remove("status");
        }

        if (apply || candidate["metadata"]?["managedFields"] is not null)
        {
            Json.Metadata(obj)["managedFields"] = candidate["metadata"]?["managedFields"]?.DeepClone();
        }

        return obj;
    }

    private static void ResetServerFields(ResourceType type, JsonObject obj, JsonObject meta, string now)
    {
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = now;
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("resourceVersion");
        meta.Remove("generation");
        if (type.HasStatus)
        {
            obj.Remove("status");
        }
    }

    /// <summary>An update keeps the server-owned metadata and, outside /status, the stored status.</summary>
    private static void CarryOver(ResourceType type, JsonObject obj, JsonObject meta, JsonObject old, string? subresource)
    {
        var oldMeta = (JsonObject)old["metadata"]!;
        foreach (var field in CarriedOverMetadata)
        {
            if (oldMeta[field] is { } value)
            {
                meta[field] = value.DeepClone();
            }
            else
            {
                meta.Remove(field);
            }
        }

        if (type.HasStatus && subresource != "status")
        {
            if (old["status"] is { } oldStatus)
            {
                obj["status"] = oldStatus.DeepClone();
            }
            else
            {
                obj.Remove("status");
            }
        }
    }

    private static IEnumerable<StatusCause> FinalizersAddedDuringDeletion(JsonObject meta, JsonObject? old)
    {
        if (old?["metadata"]?["deletionTimestamp"] is null)
        {
            yield break;
        }

        var before = (old["metadata"]?["finalizers"] as JsonArray ?? []).Select(Json.Text).ToHashSet(StringComparer.Ordinal);
        var added = (meta["finalizers"] as JsonArray ?? []).Select(Json.Text).Where(f => f is not null && !before.Contains(f)).ToList();
        if (added.Count > 0)
        {
            yield return new StatusCause("FieldValueForbidden", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => "\"" + a + "\""))}}}", "metadata.finalizers");
        }
    }

    /// <summary>1 on create; bumped when anything outside metadata (and status, for kinds with a status subresource) changed, or the annotations of a kind that counts them.</summary>
    private static void SetGeneration(ResourceType type, JsonObject obj, JsonObject meta, JsonObject? old)
    {
        if (old is null)
        {
            meta["generation"] = 1;
            return;
        }

        var excluded = type.HasStatus ? new[] { "metadata", "status" } : ["metadata"];
        var changed = !Json.Same(Json.Without(obj, excluded), Json.Without(old, excluded))
            || (type.AnnotationsBumpGeneration && !Json.Same(NonEmpty(meta["annotations"]), NonEmpty(old["metadata"]?["annotations"])));
        meta["generation"] = (Json.Number(old["metadata"]?["generation"]) ?? 1) + (changed ? 1 : 0);
    }

    // Go's semantic equality, which the real server uses here, counts an empty map as equal to none.
    private static JsonNode? NonEmpty(JsonNode? map) => map is JsonObject { Count: 0 } ? null : map;

    /// <summary>Drops (and returns the paths of) unknown ObjectMeta fields and unknown top-level fields of built-ins.</summary>
    private static List<string> DropUnknownTopLevel(ResourceType type, JsonObject obj, JsonObject meta)
    {
        var unknown = new List<string>();
        foreach (var key in meta.Select(kv => kv.Key).ToList())
        {
            if (!KnownTopLevelFields.ObjectMeta.Contains(key))
            {
                meta.Remove(key);
                unknown.Add("metadata." + key);
            }
        }

        if (KnownTopLevelFields.For(type) is { } known)
        {
            foreach (var key in obj.Select(kv => kv.Key).ToList())
            {
                if (!known.Contains(key))
                {
                    obj.Remove(key);
                    unknown.Add(key);
                }
            }
        }

        return unknown;
    }

    private static void ReportUnknownFields(ResourceType type, List<string> unknown, WriteOptions options)
    {
        if (unknown.Count == 0)
        {
            return;
        }

        unknown.Sort(StringComparer.Ordinal);
        if (options.FieldValidation == "Strict")
        {
            var fields = string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""));
            throw StatusException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {fields}");
        }

        if (options.FieldValidation == "Warn")
        {
            options.Warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
        }
    }
}
