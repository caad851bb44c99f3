using System.Text.Json;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Selectors;

/// <summary>A parsed <c>fieldSelector</c> (<c>f=v</c>, <c>f==v</c>, <c>f!=v</c>), limited to the fields each kind supports.</summary>
internal sealed class FieldSelector
{
    private static readonly string[] EventFields =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
        "reason", "reportingComponent", "source", "type",
    ];

    private readonly IReadOnlyList<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string, bool, string)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The value of a <c>metadata.name=X</c> term, so a lookup can skip the scan.</summary>
    public string? ExactName => _terms.FirstOrDefault(t => t.Field == "metadata.name" && t.Equal).Value;

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var result = new List<(string, bool, string)>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            string field;
            string value;
            bool equal;
            var notEqual = part.IndexOf("!=", StringComparison.Ordinal);
            if (notEqual > 0)
            {
                field = part[..notEqual];
                value = part[(notEqual + 2)..];
                equal = false;
            }
            else
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw StatusException.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
                }

                field = part[..eq];
                value = part[(eq + 1)..].TrimStart('=');
                equal = true;
            }

            field = field.Trim();
            if (!Supports(type, field))
            {
                throw StatusException.BadRequest("field label not supported: " + field);
            }

            result.Add((field, equal, value.Trim()));
        }

        return new FieldSelector(result);
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (field, equal, value) in _terms)
        {
            var actual = ValueOf(obj, field) ?? "";
            if (string.Equals(actual, value, StringComparison.Ordinal) != equal)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Supports(ResourceType type, string field)
    {
        if (field is "metadata.name" or "metadata.namespace")
        {
            return true;
        }

        if (type.Plural == "events" && type.Group.Length == 0)
        {
            return EventFields.Contains(field);
        }

        if (type.Plural == "secrets" && type.Group.Length == 0)
        {
            return field == "type";
        }

        if (type.Plural == "namespaces" && type.Group.Length == 0)
        {
            return field == "status.phase";
        }

        return type.SelectableFields.Contains(field);
    }

    private static string? ValueOf(JsonObject obj, string field)
    {
        if (field == "source")
        {
            return obj["source"]?["component"] is JsonValue c ? Text(c) : null;
        }

        JsonNode? node = obj;
        foreach (var segment in field.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node is JsonValue v ? Text(v) : null;
    }

    private static string Text(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.ToJsonString(),
        _ => value.ToJsonString(),
    };
}
