using System.Text;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Patching;

/// <summary>
/// Field paths as strings: each element (<c>f:name</c>, <c>k:{"type":"Ready"}</c>, <c>v:"x"</c>, <c>i:0</c>, as in
/// FieldsV1) preceded by a separator, so prefixes are plain string prefixes. The root is the empty string.
/// </summary>
internal static class FieldPath
{
    public const char Separator = '\u0001';

    public static string Root => string.Empty;

    public static string Field(string path, string name) => path + Separator + "f:" + name;

    public static string Child(string path, string element) => path + Separator + element;

    public static string[] Elements(string path) =>
        path.Length == 0 ? [] : path[1..].Split(Separator);

    public static bool IsDescendantOf(string path, string ancestor) =>
        path.Length > ancestor.Length && path[ancestor.Length] == Separator && path.StartsWith(ancestor, StringComparison.Ordinal);

    /// <summary>The human form the server prints in conflicts: <c>.spec.containers[name="app"].image</c>.</summary>
    public static string ToDisplay(string path)
    {
        var builder = new StringBuilder();
        foreach (var element in Elements(path))
        {
            var body = element.Length > 2 ? element[2..] : string.Empty;
            switch (element[0])
            {
                case 'f':
                    builder.Append('.').Append(body);
                    break;
                case 'k':
                    {
                        builder.Append('[');
                        var first = true;
                        if (JsonNode.Parse(body) is JsonObject key)
                        {
                            foreach (var (name, value) in key)
                            {
                                if (!first)
                                {
                                    builder.Append(',');
                                }

                                first = false;
                                builder.Append(name).Append('=').Append(GoJson.Serialize(value, sortKeys: true));
                            }
                        }

                        builder.Append(']');
                        break;
                    }

                case 'v':
                    builder.Append("[=").Append(body).Append(']');
                    break;
                default:
                    builder.Append('[').Append(body).Append(']');
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Orders elements as the server serialises them: fields, then keys, then values, then indexes; ordinal within a type.</summary>
    public static int CompareElements(string left, string right)
    {
        var byType = TypeRank(left).CompareTo(TypeRank(right));
        return byType != 0 ? byType : string.CompareOrdinal(left, right);
    }

    /// <summary>Orders whole paths element by element (a prefix first).</summary>
    public static int ComparePaths(string left, string right)
    {
        var l = Elements(left);
        var r = Elements(right);
        for (var i = 0; i < Math.Min(l.Length, r.Length); i++)
        {
            var c = CompareElements(l[i], r[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return l.Length.CompareTo(r.Length);
    }

    private static int TypeRank(string element) => element.Length == 0 ? 9 : element[0] switch
    {
        'f' => 0,
        'k' => 1,
        'v' => 2,
        'i' => 3,
        _ => 4,
    };
}
