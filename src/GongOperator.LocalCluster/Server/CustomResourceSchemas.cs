using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Server;

/// <summary>Seam between the request pipeline and CRD structural schemas: pruning, defaulting, validation.</summary>
internal static class CustomResourceSchemas
{
    /// <summary>Removes fields the schema does not know; returns their paths (e.g. <c>spec.colour</c>).</summary>
    public static IReadOnlyList<string> Prune(ResourceType type, JsonObject obj)
    {
        _ = type;
        _ = obj;
        return [];
    }

    public static void ApplyDefaults(ResourceType type, JsonObject obj)
    {
        _ = type;
        _ = obj;
    }

    public static bool HasDefaults(ResourceType type) => type.Schema is not null && type.Schema.ToJsonString().Contains("\"default\"", StringComparison.Ordinal);

    public static IReadOnlyList<StatusCause> Validate(ResourceType type, JsonObject obj)
    {
        _ = type;
        _ = obj;
        return [];
    }
}
