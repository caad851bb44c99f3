using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Server;

/// <summary>The writing verbs of one served form of a resource (the stored form, or a view converted to it).</summary>
internal interface IObjectWrites
{
    WriteResult Create(ResourceType type, string? ns, JsonObject body, WriteOptions options);

    WriteResult Update(ResourceType type, string? ns, string name, string? subresource, JsonObject body, WriteOptions options);

    WriteResult Patch(ResourceType type, string? ns, string name, string? subresource, string mediaType, JsonNode? patch, WriteOptions options);
}
