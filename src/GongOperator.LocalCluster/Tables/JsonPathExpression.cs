using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Schema;

namespace GongOperator.LocalCluster.Tables;

/// <summary>
/// A small JSONPath evaluator for printer columns, in the dialect of kubectl/client-go
/// (<c>.spec.x</c>, <c>.status.conditions[?(@.type=="Ready")].status</c>, <c>[0]</c>, <c>[-1]</c>,
/// <c>[*]</c>, <c>[1:3]</c>, <c>['a.b']</c>, <c>[?(@.x)]</c>). Missing keys yield no result.
/// Optional surrounding braces (<c>{.spec.x}</c>) are accepted.
/// </summary>
internal sealed partial class JsonPathExpression
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
}
