using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GongOperator.LocalCluster.Serialization;

/// <summary>Turns a YAML request body (apply patches, <c>application/yaml</c> writes) into JSON nodes with YAML's plain-scalar typing.</summary>
internal static class YamlToJson
{
    /// <summary>Parses the first YAML document; throws <see cref="YamlException"/> or <see cref="FormatException"/> on bad input.</summary>
    public static JsonNode? Parse(string text)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        stream.Load(reader);
        var budget = MaxNodes;
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode, ref budget, 0);
    }

    /// <summary>Bounds alias expansion ("billion laughs"): a 3 MiB body never needs more nodes than this.</summary>
    private const int MaxNodes = 4_000_000;

    private const int MaxDepth = 256;

    private static JsonNode? Convert(YamlNode node, ref int budget, int depth)
    {
        if (--budget < 0 || depth > MaxDepth)
        {
            throw new FormatException("document too large or too deeply nested");
        }

        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = key is YamlScalarNode s ? s.Value ?? "" : throw new FormatException("mapping keys must be scalars");
                    obj[name] = Convert(value, ref budget, depth + 1);
                }

                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var item in seq.Children)
                {
                    array.Add(Convert(item, ref budget, depth + 1));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new FormatException("unsupported YAML node");
        }
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }

        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str")
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (value.Length > 0 && (char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.')
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(value);
    }
}
