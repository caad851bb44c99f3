using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Patching;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Server;

/// <summary>Applies a CRD's structural schema (Schema/) to custom resources: pruning, defaulting, validation.</summary>
internal static class CustomResourceSchemas
{
    /// <summary>Removes fields the schema does not know; returns their paths (e.g. <c>spec.colour</c>).</summary>
    public static IReadOnlyList<string> Prune(ResourceType type, JsonObject obj) => type.Structural?.Prune(obj) ?? [];

    public static void ApplyDefaults(ResourceType type, JsonObject obj) => type.Structural?.ApplyDefaults(obj);

    public static bool HasDefaults(ResourceType type) => type.SchemaHasDefaults;

    public static IReadOnlyList<StatusCause> Validate(ResourceType type, JsonObject obj) =>
        type.Structural is null ? [] : [.. type.Structural.Validate(obj).Select(e => new StatusCause(e.Reason, e.Message, e.Field))];

    /// <summary>List semantics for server-side apply, from the schema's x-kubernetes-list-type/map-keys.</summary>
    public static Func<string, IReadOnlyList<string>?>? ListMapKeys(ResourceType type)
    {
        var schema = type.Structural;
        if (schema is null)
        {
            return null;
        }

        return path =>
        {
            var dotted = path.TrimStart('.');
            return schema.ListType(dotted) switch
            {
                "map" => schema.ListMapKeys(dotted) ?? [],
                "set" => [FieldManager.SetListMarker],
                "atomic" => [],
                _ => null,
            };
        };
    }
}
