using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GongOperator.LocalCluster.Schema;

/// <summary>
/// Walks a value against a <see cref="SchemaNode"/> and collects errors worded as the CRD
/// validator of kube-apiserver 1.28 words them (kube-openapi messages wrapped in field errors).
/// </summary>
internal static class SchemaValidator
{
    private static readonly HashSet<string> RootMetaFields = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata" };

    /// <summary>Validates a whole custom resource (root object).</summary>
    public static void ValidateRoot(SchemaNode root, JsonObject obj, List<FieldError> errors)
    {
        // The server validates apiVersion, kind and metadata itself (ObjectMeta rules); only
        // metadata.name/generateName take part in schema validation when the schema names them.
        if (root.Properties.TryGetValue("metadata", out SchemaNode? metaSchema) && obj["metadata"] is JsonObject meta)
        {
            foreach (string key in new[] { "generateName", "name" })
            {
                if (metaSchema.Properties.TryGetValue(key, out SchemaNode? s) && meta.TryGetPropertyValue(key, out JsonNode? v))
                {
                    Validate(s, v, "metadata." + key, errors);
                }
            }
        }

        ValidateObject(root, obj, string.Empty, errors, isResourceRoot: true);
    }

    /// <summary>Validates <paramref name="value"/> at <paramref name="path"/> against <paramref name="s"/>.</summary>
    public static void Validate(SchemaNode s, JsonNode? value, string path, List<FieldError> errors)
    {
        JsonKind kind = JsonValues.KindOf(value);
        string p = path.Length == 0 ? FieldErrors.NilField : path;
        if (kind == JsonKind.Null)
        {
            if (!s.Nullable && s.Type is not null)
            {
                errors.Add(FieldErrors.TypeInvalid(path, "null", $"{p} in body must be of type {s.Type}: \"null\""));
            }

            return;
        }

        if (!TypeMatches(s, kind, value))
        {
            string expected = s.Type ?? "integer,string";
            string actual = TypeName(kind);
            errors.Add(FieldErrors.TypeInvalid(path, actual, $"{p} in body must be of type {expected}: \"{actual}\""));

            // Composite keywords still run (kube-openapi runs every validator); value keywords do not apply.
            ValidateComposition(s, value, path, p, errors);
            return;
        }

        ValidateComposition(s, value, path, p, errors);

        switch (kind)
        {
            case JsonKind.String:
                ValidateString(s, JsonValues.AsString(value)!, value, path, p, errors);
                break;
            case JsonKind.Integer:
            case JsonKind.Number:
                ValidateNumber(s, value!, path, p, errors);
                break;
            case JsonKind.Array:
                ValidateArray(s, value!.AsArray(), path, p, errors);
                break;
            default:
                break;
        }

        if (s.Enum is { } allowed && !allowed.Any(a => JsonValues.DeepEquals(a, value)))
        {
            errors.Add(FieldErrors.NotSupported(path, value, allowed.Select(EnumText)));
        }

        if (kind == JsonKind.Object)
        {
            ValidateObject(s, value!.AsObject(), path, errors, isResourceRoot: false);
        }
    }

    private static void ValidateComposition(SchemaNode s, JsonNode? value, string path, string p, List<FieldError> errors)
    {
        foreach (SchemaNode sub in s.AllOf)
        {
            Validate(sub, value, path, errors);
        }

        // Composite failures are reported on a nil field with an empty value and the quoted path,
        // followed by the errors of the first failing alternative, as kube-openapi does.
        if (s.AnyOf.Count > 0 && !s.AnyOf.Any(sub => Passes(sub, value, path)))
        {
            errors.Add(FieldErrors.Invalid(string.Empty, string.Empty, $"{GoFormat.Quote(p)} must validate at least one schema (anyOf)"));
            Validate(s.AnyOf[0], value, path, errors);
        }

        if (s.OneOf.Count > 0)
        {
            int passing = s.OneOf.Count(sub => Passes(sub, value, path));
            if (passing != 1)
            {
                errors.Add(FieldErrors.Invalid(string.Empty, string.Empty, $"{GoFormat.Quote(p)} must validate one and only one schema (oneOf)"));
                if (passing == 0)
                {
                    Validate(s.OneOf[0], value, path, errors);
                }
            }
        }

        if (s.Not is not null && Passes(s.Not, value, path))
        {
            errors.Add(FieldErrors.Invalid(string.Empty, string.Empty, $"{GoFormat.Quote(p)} must not validate the schema (not)"));
        }
    }

    private static bool Passes(SchemaNode s, JsonNode? value, string path)
    {
        var scratch = new List<FieldError>();
        Validate(s, value, path, scratch);
        return scratch.Count == 0;
    }

    private static void ValidateString(SchemaNode s, string text, JsonNode? value, string path, string p, List<FieldError> errors)
    {
        // kube-openapi counts characters (runes), not bytes.
        long length = text.EnumerateRunes().Count();
        if (s.MaxLength is { } max && length > max)
        {
            errors.Add(FieldErrors.TooLong(path, max));
        }

        if (s.MinLength is { } min && length < min)
        {
            errors.Add(FieldErrors.Invalid(path, value, $"{p} in body should be at least {min.ToString(CultureInfo.InvariantCulture)} chars long"));
        }

        if (s.PatternRegex is { } regex && !IsMatch(regex, text))
        {
            errors.Add(FieldErrors.Invalid(path, value, $"{p} in body should match '{s.Pattern}'"));
        }

        if (s.Format is { } format && !StringFormats.IsValid(format, text))
        {
            errors.Add(FieldErrors.TypeInvalid(path, value, $"{p} in body must be of type {format}: {GoFormat.Quote(text)}"));
        }
    }

    private static bool IsMatch(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // RE2 never times out; a pattern this slow in .NET is treated as not matching.
            return false;
        }
    }

    private static void ValidateNumber(SchemaNode s, JsonNode value, string path, string p, List<FieldError> errors)
    {
        double d = JsonValues.GetDouble(value);
        if (s.MultipleOf is { } factor && factor != 0)
        {
            double q = d / factor;
            if (Math.Abs(q - Math.Round(q)) > 1e-9)
            {
                errors.Add(FieldErrors.Invalid(path, value, $"{p} in body should be a multiple of {GoFormat.Float(factor)}"));
            }
        }

        if (s.Maximum is { } max && (s.ExclusiveMaximum ? d >= max : d > max))
        {
            string op = s.ExclusiveMaximum ? "less than" : "less than or equal to";
            errors.Add(FieldErrors.Invalid(path, value, $"{p} in body should be {op} {GoFormat.Float(max)}"));
        }

        if (s.Minimum is { } min && (s.ExclusiveMinimum ? d <= min : d < min))
        {
            string op = s.ExclusiveMinimum ? "greater than" : "greater than or equal to";
            errors.Add(FieldErrors.Invalid(path, value, $"{p} in body should be {op} {GoFormat.Float(min)}"));
        }
    }

    private static void ValidateArray(SchemaNode s, JsonArray array, string path, string p, List<FieldError> errors)
    {
        if (s.MinItems is { } min && array.Count < min)
        {
            errors.Add(FieldErrors.Invalid(path, array.Count, $"{p} in body should have at least {min.ToString(CultureInfo.InvariantCulture)} items"));
        }

        if (s.MaxItems is { } max && array.Count > max)
        {
            errors.Add(FieldErrors.TooMany(path, array.Count, max));
        }

        if (s.Items is not null)
        {
            for (int i = 0; i < array.Count; i++)
            {
                Validate(s.Items, array[i], Index(path, i), errors);
            }
        }

        ValidateListType(s, array, path, errors);
    }

    private static void ValidateListType(SchemaNode s, JsonArray array, string path, List<FieldError> errors)
    {
        if (string.Equals(s.ListType, "set", StringComparison.Ordinal))
        {
            for (int i = 0; i < array.Count; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    if (JsonValues.DeepEquals(array[i], array[j]))
                    {
                        errors.Add(FieldErrors.Duplicate(Index(path, i), array[i]));
                        break;
                    }
                }
            }
        }
        else if (string.Equals(s.ListType, "map", StringComparison.Ordinal) && s.ListMapKeys.Count > 0)
        {
            var seen = new List<JsonObject>();
            for (int i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsonObject item)
                {
                    continue;
                }

                var key = new JsonObject();
                foreach (string k in s.ListMapKeys)
                {
                    if (item.TryGetPropertyValue(k, out JsonNode? kv))
                    {
                        key[k] = kv?.DeepClone();
                    }
                }

                if (seen.Any(other => JsonValues.DeepEquals(other, key)))
                {
                    errors.Add(FieldErrors.Duplicate(Index(path, i), key));
                }
                else
                {
                    seen.Add(key);
                }
            }
        }
    }

    private static void ValidateObject(SchemaNode s, JsonObject obj, string path, List<FieldError> errors, bool isResourceRoot)
    {
        string p = path.Length == 0 ? FieldErrors.NilField : path;
        if (!isResourceRoot)
        {
            if (s.MaxProperties is { } max && obj.Count > max)
            {
                errors.Add(FieldErrors.TooMany(path, obj.Count, max));
            }

            if (s.MinProperties is { } min && obj.Count < min)
            {
                errors.Add(FieldErrors.Invalid(path, obj.Count, $"{p} in body should have at least {min.ToString(CultureInfo.InvariantCulture)} properties"));
            }
        }

        foreach (KeyValuePair<string, JsonNode?> kv in obj.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if ((isResourceRoot || s.EmbeddedResource) && RootMetaFields.Contains(kv.Key))
            {
                continue;
            }

            string child = SchemaNode.Join(path, kv.Key);
            if (s.Properties.TryGetValue(kv.Key, out SchemaNode? prop))
            {
                Validate(prop, kv.Value, child, errors);
            }
            else if (s.AdditionalProperties is not null)
            {
                Validate(s.AdditionalProperties, kv.Value, child, errors);
            }
        }

        foreach (string required in s.Required)
        {
            if (isResourceRoot && RootMetaFields.Contains(required))
            {
                continue;
            }

            if (!obj.ContainsKey(required))
            {
                errors.Add(FieldErrors.Required(SchemaNode.Join(path, required)));
            }
        }
    }

    private static bool TypeMatches(SchemaNode s, JsonKind kind, JsonNode? value)
    {
        if (s.Type is null)
        {
            return !s.IntOrString || kind is JsonKind.Integer or JsonKind.String;
        }

        return s.Type switch
        {
            "object" => kind == JsonKind.Object,
            "array" => kind == JsonKind.Array,
            "string" => kind == JsonKind.String,
            "boolean" => kind == JsonKind.Boolean,
            "integer" => kind == JsonKind.Integer || (kind == JsonKind.Number && IsWhole(JsonValues.GetDouble(value!))),
            "number" => kind is JsonKind.Integer or JsonKind.Number,
            _ => true,
        };
    }

    private static bool IsWhole(double d) => !double.IsInfinity(d) && Math.Floor(d) == d;

    private static string TypeName(JsonKind kind) => kind switch
    {
        JsonKind.Object => "object",
        JsonKind.Array => "array",
        JsonKind.String => "string",
        JsonKind.Boolean => "boolean",
        JsonKind.Integer => "integer",
        JsonKind.Number => "number",
        _ => "null",
    };

    /// <summary>Enum values are listed as their text when strings, else as their JSON.</summary>
    private static string EnumText(JsonNode? node) =>
        JsonValues.AsString(node) ?? (node is null ? "null" : node.ToJsonString());

    private static string Index(string path, int i) => path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
}
