using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Server;

namespace GongOperator.LocalCluster.Validation;

/// <summary>The ObjectMeta checks every kind shares: labels and annotations are maps of strings, label values are valid, finalizers are strings.</summary>
internal static partial class MetadataRules
{
    public static IEnumerable<StatusCause> Validate(JsonObject metadata)
    {
        foreach (var field in new[] { "labels", "annotations" })
        {
            var node = metadata[field];
            if (node is null)
            {
                continue;
            }

            if (node is not JsonObject map)
            {
                yield return new("FieldValueTypeInvalid", "Invalid value: must be a map of strings", "metadata." + field);
                continue;
            }

            foreach (var (k, v) in map)
            {
                if (v is not JsonValue value || Json.Text(value) is null)
                {
                    yield return new("FieldValueTypeInvalid", $"Invalid value: {v?.ToJsonString() ?? "null"}: must be a string", $"metadata.{field}.{k}");
                }
                else if (field == "labels" && (Json.Text(value)!.Length > 63 || (Json.Text(value)!.Length > 0 && !LabelValue().IsMatch(Json.Text(value)!))))
                {
                    yield return new("FieldValueInvalid", $"Invalid value: \"{Json.Text(value)}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')", $"metadata.labels");
                }
            }
        }

        if (metadata["finalizers"] is { } finalizers && (finalizers is not JsonArray list || list.Any(f => Json.Text(f) is null)))
        {
            yield return new("FieldValueTypeInvalid", "Invalid value: must be a list of strings", "metadata.finalizers");
        }
    }

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
