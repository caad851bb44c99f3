using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.OpenApi;

/// <summary>One served resource, as input for the OpenAPI v3 documents.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version, e.g. v1.</param>
/// <param name="Kind">Kind, e.g. Widget.</param>
/// <param name="Plural">Resource (plural) name, e.g. widgets.</param>
/// <param name="Namespaced">Whether objects live in namespaces.</param>
/// <param name="HasStatusSubresource">Whether <c>/status</c> is served.</param>
/// <param name="Schema">
/// The CRD version's openAPIV3Schema for custom resources; for built-ins null selects the
/// built-in catalogue (<see cref="BuiltInSchemas"/>) or a permissive object schema.
/// </param>
/// <param name="IsCustomResource">True for CRD-backed kinds (no strategic-merge-patch is advertised).</param>
internal sealed record OpenApiResource(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    bool HasStatusSubresource,
    JsonObject? Schema,
    bool IsCustomResource);
