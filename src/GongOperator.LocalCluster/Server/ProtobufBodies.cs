using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Server;

/// <summary>Seam to the protobuf request-body decoder (kubectl and helm write built-ins as protobuf).</summary>
internal static class ProtobufBodies
{
    public static JsonObject Decode(byte[] body, ResourceType? type)
    {
        _ = body;
        throw StatusException.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml{(type is null ? "" : "")}");
    }
}
