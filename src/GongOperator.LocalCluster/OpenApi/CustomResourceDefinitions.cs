using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Schema;

namespace GongOperator.LocalCluster.OpenApi;

/// <summary>Maps a stored CustomResourceDefinition object to the <see cref="OpenApiResource"/>s it serves.</summary>
internal static class CustomResourceDefinitions
{
    /// <summary>
    /// One resource per served version of <paramref name="crd"/> (an apiextensions.k8s.io/v1
    /// CustomResourceDefinition as JSON), with its openAPIV3Schema and status subresource flag.
    /// </summary>
    public static IReadOnlyList<OpenApiResource> ToOpenApiResources(JsonObject crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        if (crd["spec"] is not JsonObject spec)
        {
            return [];
        }

        string group = JsonValues.AsString(spec["group"]) ?? string.Empty;
        string kind = JsonValues.AsString(spec["names"]?["kind"]) ?? string.Empty;
        string plural = JsonValues.AsString(spec["names"]?["plural"]) ?? string.Empty;
        bool namespaced = !string.Equals(JsonValues.AsString(spec["scope"]), "Cluster", StringComparison.Ordinal);
        var result = new List<OpenApiResource>();
        foreach (JsonObject version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (JsonValues.AsBool(version["served"]) == false)
            {
                continue;
            }

            result.Add(new OpenApiResource(
                group,
                JsonValues.AsString(version["name"]) ?? string.Empty,
                kind,
                plural,
                namespaced,
                version["subresources"]?["status"] is JsonObject,
                version["schema"]?["openAPIV3Schema"] as JsonObject,
                IsCustomResource: true));
        }

        return result;
    }
}
