using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Schema;

namespace GongOperator.LocalCluster.Tables;

/// <summary>
/// A small JSONPath evaluator for printer columns, in the dialect of kubectl/client-go
/// (<c>.spec.x</c>, <c>.status.conditions[?(@.type=="Ready")].status</c>, <c>[0]</c>, <c>[-1]</c>,
/// <c>[*]</c>, <c>[1:3]</c>, <c>['a.b']</c>, <c>[?(@.x)]</c>). Missing keys yield no result.
/// Optional surrounding braces (<c>{.spec.x}</c>) are accepted.
/// </summary>
internal sealed class JsonPathExpression
{
    private readonly List<Step> _steps;

    private JsonPathExpression(string text, List<Step> steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Parses an expression; throws <see cref="FormatException"/> when it is malformed.</summary>
    public static JsonPathExpression Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string p = path.Trim();
        if (p.StartsWith('{') && p.EndsWith('}'))
        {
            p = p[1..^1].Trim();
        }

        var parser = new Parser(p);
        return new JsonPathExpression(path, parser.ParseSteps(stopAtClose: false));
    }

    /// <summary>Evaluates against <paramref name="root"/>; returns every match in order (JSON nulls included).</summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root) => Apply(_steps, [root]);

    private static List<JsonNode?> Apply(List<Step> steps, List<JsonNode?> current)
    {
        foreach (Step step in steps)
        {
            var next = new List<JsonNode?>();
            foreach (JsonNode? node in current)
            {
                step.Apply(node, next);
            }

            current = next;
        }

        return current;
    }

    private abstract class Step
    {
        public abstract void Apply(JsonNode? node, List<JsonNode?> output);
    }

    private sealed class FieldStep(string name) : Step
    {
        public override void Apply(JsonNode? node, List<JsonNode?> output)
        {
            if (node is JsonObject o && o.TryGetPropertyValue(name, out JsonNode? v))
            {
                output.Add(v);
            }
        }
    }

    private sealed class WildcardStep : Step
    {
        public override void Apply(JsonNode? node, List<JsonNode?> output)
        {
            switch (node)
            {
                case JsonArray a:
                    output.AddRange(a);
                    break;
                case JsonObject o:
                    output.AddRange(o.Select(kv => kv.Value));
                    break;
                default:
                    break;
            }
        }
    }

    private sealed class SliceStep(int? start, int? end, bool single) : Step
    {
        public override void Apply(JsonNode? node, List<JsonNode?> output)
        {
            if (node is not JsonArray a)
            {
                return;
            }

            int count = a.Count;
            int s = start ?? 0;
            if (s < 0)
            {
                s += count;
            }

            if (single)
            {
                if (s >= 0 && s < count)
                {
                    output.Add(a[s]);
                }

                return;
            }

            int e = end ?? count;
            if (e < 0)
            {
                e += count;
            }

            s = Math.Clamp(s, 0, count);
            e = Math.Clamp(e, 0, count);
            for (int i = s; i < e; i++)
            {
                output.Add(a[i]);
            }
        }
    }

    private sealed class FilterStep(List<Step> left, string? op, JsonNode? literal) : Step
    {
        public override void Apply(JsonNode? node, List<JsonNode?> output)
        {
            IEnumerable<JsonNode?> candidates = node switch
            {
                JsonArray a => a,
                JsonObject o => [o],
                _ => [],
            };
            foreach (JsonNode? item in candidates)
            {
                List<JsonNode?> values = JsonPathExpression.Apply(left, [item]);
                if (op is null ? values.Count > 0 : values.Any(v => Compare(v, op, literal)))
                {
                    output.Add(item);
                }
            }
        }

        private static bool Compare(JsonNode? value, string op, JsonNode? literal)
        {
            double? a = JsonValues.AsDouble(value);
            double? b = JsonValues.AsDouble(literal);
            if (a is not null && b is not null)
            {
                return op switch
                {
                    "==" => a == b,
                    "!=" => a != b,
                    "<" => a < b,
                    ">" => a > b,
                    "<=" => a <= b,
                    ">=" => a >= b,
                    _ => false,
                };
            }

            bool equal = JsonValues.DeepEquals(value, literal);
            return op switch
            {
                "==" => equal,
                "!=" => !equal,
                _ => false,
            };
        }
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        public List<Step> ParseSteps(bool stopAtClose)
        {
            var steps = new List<Step>();
            while (_pos < text.Length)
            {
                char c = text[_pos];
                if (stopAtClose && (c == ')' || c == ' ' || c == '=' || c == '!' || c == '<' || c == '>'))
                {
                    break;
                }

                if (c == '$' || c == '@')
                {
                    _pos++;
                }
                else if (c == '.')
                {
                    _pos++;
                    if (_pos < text.Length && text[_pos] == '*')
                    {
                        _pos++;
                        steps.Add(new WildcardStep());
                    }
                    else if (_pos < text.Length && text[_pos] != '.' && text[_pos] != '[')
                    {
                        steps.Add(new FieldStep(ReadName()));
                    }
                }
                else if (c == '[')
                {
                    steps.Add(ReadBracket());
                }
                else
                {
                    // A leading name without a dot, e.g. "spec.x".
                    steps.Add(new FieldStep(ReadName()));
                }
            }

            return steps;
        }

        private string ReadName()
        {
            var sb = new StringBuilder();
            while (_pos < text.Length)
            {
                char c = text[_pos];
                if (c == '\\' && _pos + 1 < text.Length)
                {
                    sb.Append(text[_pos + 1]);
                    _pos += 2;
                    continue;
                }

                if (c is '.' or '[' or ')' or ' ' or '=' or '!' or '<' or '>')
                {
                    break;
                }

                sb.Append(c);
                _pos++;
            }

            if (sb.Length == 0)
            {
                throw new FormatException($"JSONPath '{text}': empty field name at {_pos.ToString(CultureInfo.InvariantCulture)}");
            }

            return sb.ToString();
        }

        private Step ReadBracket()
        {
            _pos++; // '['
            SkipSpaces();
            if (_pos >= text.Length)
            {
                throw new FormatException($"JSONPath '{text}': unterminated '['");
            }

            Step step;
            char c = text[_pos];
            if (c == '*')
            {
                _pos++;
                step = new WildcardStep();
            }
            else if (c is '\'' or '"')
            {
                step = new FieldStep(ReadQuoted());
            }
            else if (c == '?')
            {
                step = ReadFilter();
            }
            else
            {
                step = ReadSlice();
            }

            SkipSpaces();
            Expect(']');
            return step;
        }

        private FilterStep ReadFilter()
        {
            _pos++; // '?'
            Expect('(');
            SkipSpaces();
            List<Step> left = ParseSteps(stopAtClose: true);
            SkipSpaces();
            string? op = null;
            JsonNode? literal = null;
            if (_pos < text.Length && text[_pos] != ')')
            {
                int start = _pos;
                while (_pos < text.Length && text[_pos] is '=' or '!' or '<' or '>')
                {
                    _pos++;
                }

                op = text[start.._pos];
                if (op is not ("==" or "!=" or "<" or ">" or "<=" or ">="))
                {
                    throw new FormatException($"JSONPath '{text}': unsupported operator '{op}'");
                }

                SkipSpaces();
                literal = ReadLiteral();
                SkipSpaces();
            }

            Expect(')');
            return new FilterStep(left, op, literal);
        }

        private JsonNode? ReadLiteral()
        {
            if (_pos < text.Length && text[_pos] is '\'' or '"')
            {
                return JsonValue.Create(ReadQuoted());
            }

            int start = _pos;
            while (_pos < text.Length && text[_pos] != ')' && text[_pos] != ' ')
            {
                _pos++;
            }

            string raw = text[start.._pos];
            if (raw == "true" || raw == "false")
            {
                return JsonValue.Create(raw == "true");
            }

            if (raw == "null")
            {
                return null;
            }

            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            {
                return JsonNode.Parse(raw.Contains('.', StringComparison.Ordinal) || raw.Contains('e', StringComparison.OrdinalIgnoreCase) ? d.ToString("R", CultureInfo.InvariantCulture) : raw);
            }

            throw new FormatException($"JSONPath '{text}': unsupported literal '{raw}'");
        }

        private SliceStep ReadSlice()
        {
            int? first = ReadInt();
            SkipSpaces();
            if (_pos < text.Length && text[_pos] == ':')
            {
                _pos++;
                SkipSpaces();
                int? second = ReadInt();
                return new SliceStep(first, second, single: false);
            }

            if (first is null)
            {
                throw new FormatException($"JSONPath '{text}': expected an index at {_pos.ToString(CultureInfo.InvariantCulture)}");
            }

            return new SliceStep(first, null, single: true);
        }

        private int? ReadInt()
        {
            int start = _pos;
            if (_pos < text.Length && text[_pos] == '-')
            {
                _pos++;
            }

            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                _pos++;
            }

            return _pos == start ? null : int.Parse(text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        private string ReadQuoted()
        {
            char quote = text[_pos++];
            var sb = new StringBuilder();
            while (_pos < text.Length && text[_pos] != quote)
            {
                if (text[_pos] == '\\' && _pos + 1 < text.Length)
                {
                    _pos++;
                }

                sb.Append(text[_pos++]);
            }

            Expect(quote);
            return sb.ToString();
        }

        private void SkipSpaces()
        {
            while (_pos < text.Length && text[_pos] == ' ')
            {
                _pos++;
            }
        }

        private void Expect(char c)
        {
            if (_pos >= text.Length || text[_pos] != c)
            {
                throw new FormatException($"JSONPath '{text}': expected '{c}' at {_pos.ToString(CultureInfo.InvariantCulture)}");
            }

            _pos++;
        }
    }
}
