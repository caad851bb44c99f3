using System.Globalization;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Schema;

/// <summary>
/// Checks that a CRD version's openAPIV3Schema is structural (the rules apiextensions.k8s.io/v1
/// enforces on create/update of a CRD), returning field errors worded as the real server's, e.g.
/// <c>spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields</c>.
/// Covered: non-empty types (except int-or-string and preserve-unknown-fields nodes), object root,
/// arrays with items, no type/description/default/nullable/additionalProperties inside
/// allOf/anyOf/oneOf/not (the int-or-string anyOf pattern excepted), properties and
/// additionalProperties not both, preserve-unknown-fields only true, metadata limited to
/// name/generateName. Not covered: junctor fields that are not also specified outside.
/// </summary>
internal static class StructuralCheck
{
    private static readonly string[] Junctors = ["allOf", "anyOf", "oneOf"];

    /// <summary>Returns the problems of <paramref name="schema"/>; empty when it is structural.</summary>
    /// <param name="schema">The openAPIV3Schema.</param>
    /// <param name="fieldPath">Where the schema sits in the CRD, for error paths.</param>
    public static IReadOnlyList<FieldError> Check(JsonObject schema, string fieldPath = "spec.versions[0].schema.openAPIV3Schema")
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<FieldError>();
        string? type = JsonValues.AsString(schema["type"]);
        if (string.IsNullOrEmpty(type))
        {
            errors.Add(FieldErrors.Required(fieldPath + ".type", "must not be empty at the root"));
        }
        else if (type != "object")
        {
            errors.Add(FieldErrors.Invalid(fieldPath + ".type", type, "must be object at the root"));
        }

        CheckNode(schema, fieldPath, errors);
        if (schema["properties"]?["metadata"] is JsonObject metadata)
        {
            CheckMetadata(metadata, fieldPath + ".properties[metadata]", errors);
        }

        return errors;
    }

    private static void CheckNode(JsonObject node, string path, List<FieldError> errors)
    {
        if (node.TryGetPropertyValue("x-kubernetes-preserve-unknown-fields", out JsonNode? preserve) && JsonValues.AsBool(preserve) != true)
        {
            errors.Add(FieldErrors.Invalid(path + ".x-kubernetes-preserve-unknown-fields", preserve?.DeepClone(), "must be true or undefined"));
        }

        if (node["properties"] is JsonObject && node["additionalProperties"] is JsonObject)
        {
            errors.Add(FieldErrors.Forbidden(path + ".additionalProperties", "additionalProperties and properties are mutual exclusive"));
        }

        if (node["properties"] is JsonObject properties)
        {
            foreach (KeyValuePair<string, JsonNode?> kv in properties)
            {
                if (kv.Value is JsonObject child)
                {
                    string childPath = $"{path}.properties[{kv.Key}]";
                    RequireType(child, childPath, "must not be empty for specified object fields", errors);
                    CheckNode(child, childPath, errors);
                }
            }
        }

        if (node["additionalProperties"] is JsonObject additional)
        {
            RequireType(additional, path + ".additionalProperties", "must not be empty for specified object fields", errors);
            CheckNode(additional, path + ".additionalProperties", errors);
        }

        if (JsonValues.AsString(node["type"]) == "array" && node["items"] is null)
        {
            errors.Add(FieldErrors.Required(path + ".items", "must be specified"));
        }

        if (node["items"] is JsonObject items)
        {
            RequireType(items, path + ".items", "must not be empty for specified array items", errors);
            CheckNode(items, path + ".items", errors);
        }

        bool intOrString = JsonValues.AsBool(node["x-kubernetes-int-or-string"]) == true;
        foreach (string junctor in Junctors)
        {
            if (node[junctor] is JsonArray branches)
            {
                for (int i = 0; i < branches.Count; i++)
                {
                    if (branches[i] is JsonObject branch)
                    {
                        bool allowedType = intOrString && junctor == "anyOf" && IsIntOrStringBranch(branch);
                        CheckJunctorBranch(branch, $"{path}.{junctor}[{i.ToString(CultureInfo.InvariantCulture)}]", allowedType, errors);
                    }
                }
            }
        }

        if (node["not"] is JsonObject not)
        {
            CheckJunctorBranch(not, path + ".not", allowedType: false, errors);
        }
    }

    private static bool IsIntOrStringBranch(JsonObject branch) =>
        JsonValues.AsString(branch["type"]) is "integer" or "string";

    private static void RequireType(JsonObject node, string path, string detail, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(JsonValues.AsString(node["type"]))
            && JsonValues.AsBool(node["x-kubernetes-int-or-string"]) != true
            && JsonValues.AsBool(node["x-kubernetes-preserve-unknown-fields"]) != true)
        {
            errors.Add(FieldErrors.Required(path + ".type", detail));
        }
    }

    /// <summary>Inside a junctor only value validations are allowed, recursively.</summary>
    private static void CheckJunctorBranch(JsonObject branch, string path, bool allowedType, List<FieldError> errors)
    {
        if (branch.ContainsKey("type") && !allowedType)
        {
            errors.Add(FieldErrors.Forbidden(path + ".type", "must be empty to be structural"));
        }

        if (branch.ContainsKey("description"))
        {
            errors.Add(FieldErrors.Forbidden(path + ".description", "must be empty to be structural"));
        }

        if (branch.ContainsKey("default"))
        {
            errors.Add(FieldErrors.Forbidden(path + ".default", "must be undefined to be structural"));
        }

        if (JsonValues.AsBool(branch["nullable"]) == true)
        {
            errors.Add(FieldErrors.Forbidden(path + ".nullable", "must be false to be structural"));
        }

        if (branch.ContainsKey("additionalProperties"))
        {
            errors.Add(FieldErrors.Forbidden(path + ".additionalProperties", "must be undefined to be structural"));
        }

        if (branch["properties"] is JsonObject properties)
        {
            foreach (KeyValuePair<string, JsonNode?> kv in properties)
            {
                if (kv.Value is JsonObject child)
                {
                    CheckJunctorBranch(child, $"{path}.properties[{kv.Key}]", allowedType: false, errors);
                }
            }
        }

        if (branch["items"] is JsonObject items)
        {
            CheckJunctorBranch(items, path + ".items", allowedType: false, errors);
        }

        foreach (string junctor in Junctors)
        {
            if (branch[junctor] is JsonArray nested)
            {
                for (int i = 0; i < nested.Count; i++)
                {
                    if (nested[i] is JsonObject n)
                    {
                        CheckJunctorBranch(n, $"{path}.{junctor}[{i.ToString(CultureInfo.InvariantCulture)}]", allowedType: false, errors);
                    }
                }
            }
        }
    }

    private static void CheckMetadata(JsonObject metadata, string path, List<FieldError> errors)
    {
        foreach (KeyValuePair<string, JsonNode?> kv in metadata)
        {
            if (kv.Key is "type" or "description" or "properties")
            {
                continue;
            }

            errors.Add(FieldErrors.Forbidden(path + "." + kv.Key, "must not be specified"));
        }

        if (metadata["properties"] is JsonObject properties)
        {
            foreach (KeyValuePair<string, JsonNode?> kv in properties)
            {
                if (kv.Key is not ("name" or "generateName"))
                {
                    errors.Add(FieldErrors.Forbidden($"{path}.properties[{kv.Key}]", "must not be specified"));
                }
            }
        }
    }
}
