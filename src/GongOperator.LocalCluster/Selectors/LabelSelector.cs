using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;

namespace GongOperator.LocalCluster.Selectors;

/// <summary>A parsed <c>labelSelector</c> query: <c>a=b,c!=d,e in (x,y),f notin (z),g,!h</c>.</summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<LabelRequirement> _requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEmpty => _requirements.Count == 0;

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var result = new List<LabelRequirement>();
        var i = 0;
        while (i < text.Length)
        {
            SkipSpaces(text, ref i);
            if (i >= text.Length)
            {
                break;
            }

            var negated = false;
            if (text[i] == '!')
            {
                negated = true;
                i++;
                SkipSpaces(text, ref i);
            }

            var key = ReadToken(text, ref i);
            if (key.Length == 0)
            {
                throw Bad(text);
            }

            ValidateKey(text, key);
            SkipSpaces(text, ref i);
            if (negated)
            {
                result.Add(new LabelRequirement(key, "!exists", []));
            }
            else if (i >= text.Length || text[i] == ',')
            {
                result.Add(new LabelRequirement(key, "exists", []));
            }
            else if (text[i] == '=' || text[i] == '!')
            {
                string op;
                if (text[i] == '!')
                {
                    if (i + 1 >= text.Length || text[i + 1] != '=')
                    {
                        throw Bad(text);
                    }

                    op = "!=";
                    i += 2;
                }
                else
                {
                    op = "=";
                    i += i + 1 < text.Length && text[i + 1] == '=' ? 2 : 1;
                }

                SkipSpaces(text, ref i);
                var value = ReadToken(text, ref i);
                result.Add(new LabelRequirement(key, op, [value]));
            }
            else
            {
                var word = ReadToken(text, ref i);
                var op = word switch
                {
                    "in" => "in",
                    "notin" => "notin",
                    _ => throw Bad(text),
                };
                SkipSpaces(text, ref i);
                if (i >= text.Length || text[i] != '(')
                {
                    throw Bad(text);
                }

                var close = text.IndexOf(')', i);
                if (close < 0)
                {
                    throw Bad(text);
                }

                var values = text[(i + 1)..close].Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
                i = close + 1;
                result.Add(new LabelRequirement(key, op, values));
            }

            SkipSpaces(text, ref i);
            if (i < text.Length)
            {
                if (text[i] != ',')
                {
                    throw Bad(text);
                }

                i++;
            }
        }

        return new LabelSelector(result);
    }

    public bool Matches(JsonObject obj)
    {
        if (_requirements.Count == 0)
        {
            return true;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject map)
        {
            foreach (var (k, v) in map)
            {
                if (v is JsonValue value && value.TryGetValue<string>(out var s))
                {
                    labels[k] = s;
                }
            }
        }

        return _requirements.All(r => r.Matches(labels));
    }

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }
    }

    private static string ReadToken(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] is not (' ' or ',' or '=' or '!' or '(' or ')'))
        {
            i++;
        }

        return text[start..i];
    }

    private static void ValidateKey(string text, string key)
    {
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/'))
            {
                throw Bad(text);
            }
        }
    }

    private static StatusException Bad(string text) =>
        StatusException.BadRequest($"unable to parse requirement: found '{text}', expected: identifier");
}
