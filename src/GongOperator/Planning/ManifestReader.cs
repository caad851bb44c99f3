using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Resources;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GongOperator.Planning;

/// <summary>
/// Reads what <c>helm template</c>, <c>kustomize build</c> or <c>kubectl get -o yaml|json</c> print: multi-document
/// YAML or JSON, with <c>kind: List</c> (and *List) unwrapped. Keeps the GongIntegrationOrigins and the Secrets;
/// everything else is skipped. A document that cannot be read is a <see cref="FormatException"/> naming it.
/// </summary>
internal static class ManifestReader
{
    public static PlanInput Read(IEnumerable<(string Source, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var origins = new List<GongIntegrationOrigin>();
        var secrets = new Dictionary<ObjectKey, V1Secret>();
        foreach (var (source, text) in files)
        {
            var index = 0;
            foreach (var document in Documents(source, text))
            {
                index++;
                Collect(document, $"{source} document {index}", origins, secrets);
            }
        }

        return new PlanInput(origins, secrets, new Dictionary<ObjectKey, string>(), FromCluster: false);
    }

    private static void Collect(JsonNode? node, string where, List<GongIntegrationOrigin> origins, Dictionary<ObjectKey, V1Secret> secrets)
    {
        if (node is not JsonObject obj)
        {
            if (node is not null)
            {
                throw new FormatException($"{where} is not a Kubernetes object");
            }

            return;
        }

        var kind = (obj["kind"] as JsonValue)?.ToString();
        var apiVersion = (obj["apiVersion"] as JsonValue)?.ToString();
        if (kind is not null && kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Collect(item, $"{where} item {i++}", origins, secrets);
            }
        }
        else if (kind == GongIntegrationOrigin.KindName && apiVersion?.StartsWith(GongIntegrationOrigin.Group + "/", StringComparison.Ordinal) == true)
        {
            origins.Add(Deserialize<GongIntegrationOrigin>(obj, where));
        }
        else if (kind == V1Secret.KubeKind && apiVersion == "v1")
        {
            var secret = Deserialize<V1Secret>(obj, where);
            // The API server folds stringData into data; the operator reads only data.
            if (secret.StringData is { } plain)
            {
                secret.Data ??= new Dictionary<string, byte[]>();
                foreach (var (key, value) in plain)
                {
                    secret.Data[key] = Encoding.UTF8.GetBytes(value ?? "");
                }
            }

            // Keyed as an origin beside it names it: a namespace-less Secret goes with namespace-less origins.
            secrets[new ObjectKey(secret.Metadata?.NamespaceProperty!, secret.Metadata?.Name ?? "")] = secret;
        }
    }

    private static T Deserialize<T>(JsonObject obj, string where)
    {
        try
        {
            return KubernetesJson.Deserialize<T>(obj.ToJsonString());
        }
        catch (JsonException e)
        {
            throw new FormatException($"{where} is not a valid {obj["kind"]}: {e.Message}", e);
        }
    }

    private static List<JsonNode?> Documents(string source, string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.StartsWith('{') || trimmed.StartsWith('[') ? JsonDocuments(source, text) : YamlDocuments(source, text);
    }

    /// <summary>JSON, one value or several in a row (as kubectl accepts).</summary>
    private static List<JsonNode?> JsonDocuments(string source, string text)
    {
        var result = new List<JsonNode?>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                var node = JsonNode.Parse(ref reader);
                if (node is JsonArray array)
                {
                    result.AddRange(array.Select(n => n?.DeepClone()));
                }
                else
                {
                    result.Add(node);
                }
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source} is not valid JSON: {e.Message}", e);
        }

        return result;
    }

    private static List<JsonNode?> YamlDocuments(string source, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new FormatException($"{source} is not valid YAML (line {e.Start.Line}): {e.InnerException?.Message ?? e.Message}", e);
        }

        return stream.Documents.Select(d => ToJson(d.RootNode)).ToList();
    }

    /// <summary>YAML to JSON as the API server's decoder reads it: plain scalars may be null, booleans or numbers.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", ToJson(p.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && !double.IsInfinity(f) => JsonValue.Create(f),
            _ => JsonValue.Create(value),
        };
    }
}
