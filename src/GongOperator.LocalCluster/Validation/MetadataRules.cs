using System.Text;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Schema;
using GongOperator.LocalCluster.Server;

namespace GongOperator.LocalCluster.Validation;

/// <summary>
/// ObjectMeta validation as apimachinery's ValidateObjectMeta does it, with its messages and order: generateName,
/// name (by the kind's rule), label keys and values, annotation keys and their total size, then finalizers.
/// </summary>
internal static class MetadataRules
{
    /// <summary>TotalAnnotationSizeLimitB: 256 KiB over every key and value, in bytes.</summary>
    private const int TotalAnnotationBytes = 256 * 1024;

    /// <param name="metadata">The object's metadata.</param>
    /// <param name="nameRule">The kind's name rule: messages for a name, or for a generateName prefix when the flag is set.</param>
    public static IEnumerable<StatusCause> Validate(JsonObject metadata, Func<string, bool, IReadOnlyList<string>> nameRule)
    {
        foreach (var cause in NameCauses(metadata, nameRule))
        {
            yield return cause;
        }

        foreach (var cause in MapCauses(metadata, "labels"))
        {
            yield return cause;
        }

        foreach (var cause in MapCauses(metadata, "annotations"))
        {
            yield return cause;
        }

        if (metadata["finalizers"] is { } finalizers && (finalizers is not JsonArray list || list.Any(f => Json.Text(f) is null)))
        {
            yield return new("FieldValueTypeInvalid", "Invalid value: must be a list of strings", "metadata.finalizers");
        }
    }

    /// <summary>The causes for metadata.generateName (checked as a prefix) and metadata.name under <paramref name="nameRule"/>.</summary>
    public static IEnumerable<StatusCause> NameCauses(JsonObject metadata, Func<string, bool, IReadOnlyList<string>> nameRule)
    {
        if (Json.Text(metadata["generateName"]) is { Length: > 0 } generateName)
        {
            foreach (var message in nameRule(generateName, true))
            {
                yield return Invalid("metadata.generateName", generateName, message);
            }
        }

        if (Json.Text(metadata["name"]) is { Length: > 0 } name)
        {
            foreach (var message in nameRule(name, false))
            {
                yield return Invalid("metadata.name", name, message);
            }
        }
    }

    private static IEnumerable<StatusCause> MapCauses(JsonObject metadata, string field)
    {
        var node = metadata[field];
        if (node is null)
        {
            yield break;
        }

        if (node is not JsonObject map)
        {
            yield return new("FieldValueTypeInvalid", "Invalid value: must be a map of strings", "metadata." + field);
            yield break;
        }

        var path = "metadata." + field;
        var annotationBytes = 0;
        foreach (var (key, v) in map)
        {
            // Annotation keys are qualified names in any case; label keys must match exactly.
            foreach (var message in NameRules.QualifiedName(field == "labels" ? key : key.ToLowerInvariant()))
            {
                yield return Invalid(path, key, message);
            }

            var value = v is JsonValue ? Json.Text(v) : null;
            if (value is null)
            {
                yield return new("FieldValueTypeInvalid", $"Invalid value: {v?.ToJsonString() ?? "null"}: must be a string", $"{path}.{key}");
                continue;
            }

            if (field == "labels")
            {
                foreach (var message in NameRules.LabelValue(value))
                {
                    yield return Invalid(path, value, message);
                }
            }
            else
            {
                annotationBytes += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
            }
        }

        if (annotationBytes > TotalAnnotationBytes)
        {
            yield return new("FieldValueTooLong", $"Too long: must have at most {TotalAnnotationBytes} bytes", path);
        }
    }

    private static StatusCause Invalid(string field, string value, string message) => new("FieldValueInvalid", $"Invalid value: {GoFormat.Quote(value)}: {message}", field);
}
