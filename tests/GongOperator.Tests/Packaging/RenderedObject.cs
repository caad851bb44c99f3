using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace GongOperator.Tests.Packaging;

/// <summary>
/// One Kubernetes object from a helm or kustomize render, as a plain tree: mappings become
/// sorted dictionaries, sequences lists, scalars strings (YAML quoting differs between helm and
/// kustomize, so "0.1.0" and 0.1.0 are the same value here, as they are to the API server for a
/// string field).
/// </summary>
internal sealed record RenderedObject(string ApiVersion, string Kind, string? Namespace, string Name, SortedDictionary<string, object?> Body)
{
    /// <summary>A key naming the object uniquely within one render.</summary>
    public string Key => $"{Kind} {ApiVersion} {Namespace ?? "-"}/{Name}";

    /// <summary>Parses every non-empty document of a multi-document YAML stream.</summary>
    public static IReadOnlyList<RenderedObject> ParseAll(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var objects = new List<RenderedObject>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode mapping || mapping.Children.Count == 0)
            {
                continue;
            }

            var body = (SortedDictionary<string, object?>)Convert(mapping)!;
            var metadata = body.TryGetValue("metadata", out var m) ? m as SortedDictionary<string, object?> : null;
            objects.Add(new RenderedObject(
                (string)body["apiVersion"]!,
                (string)body["kind"]!,
                metadata?.GetValueOrDefault("namespace") as string,
                (metadata?.GetValueOrDefault("name") as string) ?? throw new InvalidOperationException("an object without metadata.name"),
                body));
        }

        return objects;
    }

    /// <summary>Parses one YAML document that is a mapping but not an object (a values file).</summary>
    public static SortedDictionary<string, object?> ParseMapping(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (SortedDictionary<string, object?>)Convert(stream.Documents[0].RootNode)!;
    }

    /// <summary>Reads a value by a path of mapping keys and sequence indexes, or null.</summary>
    public object? At(params object[] path)
    {
        object? node = Body;
        foreach (var step in path)
        {
            node = (node, step) switch
            {
                (SortedDictionary<string, object?> map, string key) => map.GetValueOrDefault(key),
                (List<object?> list, int index) when index < list.Count => list[index],
                _ => null,
            };
        }

        return node;
    }

    /// <summary>A string at a path, or null.</summary>
    public string? StringAt(params object[] path) => At(path) as string;

    /// <summary>A sequence of strings at a path (empty when absent).</summary>
    public IReadOnlyList<string> StringsAt(params object[] path) =>
        At(path) is List<object?> list ? list.Select(item => item as string ?? throw new InvalidOperationException("not a string: " + item)).ToList() : [];

    /// <summary>A sequence of mappings at a path (empty when absent).</summary>
    public IReadOnlyList<SortedDictionary<string, object?>> MappingsAt(params object[] path) =>
        At(path) is List<object?> list ? list.Cast<SortedDictionary<string, object?>>().ToList() : [];

    /// <summary>A stable text of the whole tree (sorted keys), for comparisons and messages.</summary>
    public string Canonical() => Canonical(Body);

    /// <summary>A stable text of any tree node.</summary>
    public static string Canonical(object? node)
    {
        var text = new StringBuilder();
        Write(node, text, 0);
        return text.ToString();
    }

    private static void Write(object? node, StringBuilder text, int depth)
    {
        var indent = new string(' ', depth * 2);
        switch (node)
        {
            case SortedDictionary<string, object?> map:
                foreach (var (key, value) in map)
                {
                    text.Append(indent).Append(key).Append(':');
                    if (value is string or null)
                    {
                        text.Append(' ');
                        Write(value, text, 0);
                    }
                    else
                    {
                        text.Append('\n');
                        Write(value, text, depth + 1);
                    }
                }

                break;
            case List<object?> list:
                foreach (var item in list)
                {
                    text.Append(indent).Append("-\n");
                    Write(item, text, depth + 1);
                }

                break;
            case string scalar:
                text.Append(indent).Append(CultureInfo.InvariantCulture, $"\"{scalar}\"").Append('\n');
                break;
            default:
                text.Append(indent).Append("null\n");
                break;
        }
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new SortedDictionary<string, object?>(
            mapping.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value ?? string.Empty, pair => Convert(pair.Value)),
            StringComparer.Ordinal),
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => IsNull(scalar) ? null : scalar.Value,
        _ => throw new InvalidOperationException("unexpected YAML node " + node.NodeType),
    };

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && (scalar.Value is null or "" or "~" or "null");
}
