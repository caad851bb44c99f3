using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;

namespace GongOperator.LocalCluster.Server;

/// <summary>Opaque list continuation: base64url of <c>{"v":…,"rv":N,"start":"ns/name\0"}</c>, the snapshot version and the last key served.</summary>
internal static class ContinueToken
{
    public static string Encode(long rv, string lastKey)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = rv, ["start"] = lastKey + "\0" }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static (long Rv, string StartAfter) Decode(string token)
    {
        var padded = token.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            throw Invalid("illegal base64 data");
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            throw Invalid("malformed token");
        }

        if (json is JsonObject obj && Json.Number(obj["rv"]) is { } rv && Json.Text(obj["start"]) is { } start)
        {
            return (rv, start.TrimEnd('\0'));
        }

        throw Invalid("malformed token");
    }

    private static StatusException Invalid(string why) => StatusException.BadRequest("invalid continue token: continue key is not valid: " + why);
}
