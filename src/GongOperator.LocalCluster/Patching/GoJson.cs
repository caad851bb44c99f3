using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Patching;

/// <summary>
/// Compact JSON text the way Go's encoding/json writes it (HTML characters escaped as \u003c etc.),
/// optionally with object keys sorted as Go does for maps. Used where the exact text is observable:
/// the last-applied annotation kubectl reads back and FieldsV1 <c>k:</c>/<c>v:</c> keys.
/// </summary>
internal static class GoJson
{
    public static string Serialize(JsonNode? node, bool sortKeys)
    {
        var builder = new StringBuilder();
        Write(builder, node, sortKeys);
        return builder.ToString();
    }

    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        WriteString(builder, value);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? node, bool sortKeys)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                {
                    builder.Append('{');
                    var members = sortKeys ? obj.OrderBy(p => p.Key, StringComparer.Ordinal).ToList() : obj.ToList();
                    for (var i = 0; i < members.Count; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(',');
                        }

                        WriteString(builder, members[i].Key);
                        builder.Append(':');
                        Write(builder, members[i].Value, sortKeys);
                    }

                    builder.Append('}');
                    break;
                }

            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, array[i], sortKeys);
                }

                builder.Append(']');
                break;
            default:
                switch (node.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(builder, node.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        builder.Append("true");
                        break;
                    case JsonValueKind.False:
                        builder.Append("false");
                        break;
                    case JsonValueKind.Null:
                        builder.Append("null");
                        break;
                    default:
                        builder.Append(node.ToJsonString());
                        break;
                }

                break;
        }
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
