using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Protobuf;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Server;

/// <summary>Decodes protobuf request bodies (kubectl and helm write built-ins as protobuf) into their JSON form.</summary>
internal static class ProtobufBodies
{
    public static JsonObject Decode(byte[] body, ResourceType? type)
    {
        try
        {
            return KubernetesProtobuf.Decode(body);
        }
        catch (ProtobufDecodeException e) when (e.UnknownKind)
        {
            throw StatusException.UnsupportedMediaType(e.Message);
        }
        catch (ProtobufDecodeException e)
        {
            throw StatusException.BadRequest(type is null ? e.Message : $"the object provided is unrecognized (must be of type {type.Kind}): {e.Message}");
        }
    }
}
