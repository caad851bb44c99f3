using System.Text;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;

namespace GongOperator.LocalCluster.Server;

/// <summary>Opaque list continuation: base64url of <c>{"rv":N,"start":"ns/name"}</c>, the snapshot version and the last key served.</summary>
internal static class ContinueToken
{
    public static string Encode(long rv, string lastKey)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = rv, ["start"] = lastKey + "\0" }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static (long Rv, string StartAfter) Decode(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var json = JsonNode.Parse(Convert.FromBase64String(padded))!.AsObject();
            var rv = json["rv"]!.GetValue<long>();
            var start = json["start"]!.GetValue<string>();
            return (rv, start.TrimEnd('\0'));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException or KeyNotFoundException)
        {
            throw StatusException.BadRequest("invalid continue token: continue key is not valid: " + (e is FormatException ? "illegal base64 data" : "malformed token"));
        }
    }
}
