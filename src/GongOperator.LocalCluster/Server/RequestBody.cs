using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Serialization;
using Microsoft.AspNetCore.Http;
using YamlDotNet.Core;

namespace GongOperator.LocalCluster.Server;

/// <summary>Reads request bodies (bounded) and decodes JSON, YAML and protobuf into JSON nodes.</summary>
internal static class RequestBody
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";
    public const string Protobuf = "application/vnd.kubernetes.protobuf";
    public const string MergePatch = "application/merge-patch+json";
    public const string JsonPatch = "application/json-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";

    /// <summary>The media type of the Content-Type header without parameters (<c>; charset=utf-8</c>), lower-cased.</summary>
    public static string MediaType(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "";
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim().ToLowerInvariant();
    }

    public static async Task<byte[]> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength is { } length && length > limit)
        {
            throw StatusException.TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > limit)
            {
                throw StatusException.TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses JSON or YAML text into a node; <paramref name="describeFailure"/> shapes the 400 message.</summary>
    public static JsonNode? ParseText(byte[] body, bool yaml, Func<string, string> describeFailure)
    {
        try
        {
            var node = yaml
                ? YamlToJson.Parse(Encoding.UTF8.GetString(body))
                : JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            Materialize(node);
            return node;
        }
        catch (ArgumentException e)
        {
            // A JSON object naming one field twice fails when first enumerated; refuse it up front.
            throw StatusException.BadRequest(describeFailure("json: duplicate field: " + e.Message));
        }
        catch (JsonException e)
        {
            throw StatusException.BadRequest(describeFailure(JsonFailure(e, body)));
        }
        catch (YamlException e)
        {
            throw StatusException.BadRequest(describeFailure("yaml: " + e.Message));
        }
        catch (FormatException e)
        {
            throw StatusException.BadRequest(describeFailure("yaml: " + e.Message));
        }
        catch (InvalidOperationException e)
        {
            // JsonNode refuses duplicate property names this way.
            throw StatusException.BadRequest(describeFailure("json: " + e.Message));
        }
    }

    /// <summary>Walks the whole tree once, so lazily parsed objects fail here (duplicate keys) rather than mid-request.</summary>
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Materialize(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }

                break;
        }
    }

    private static string JsonFailure(JsonException e, byte[] body)
    {
        var preview = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 32));
        var what = e.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("incomplete", StringComparison.OrdinalIgnoreCase)
            ? "unexpected end of JSON input"
            : "invalid character in JSON input";
        return $"couldn't get version/kind; json parse error: {what} ({preview} ...)";
    }
}
