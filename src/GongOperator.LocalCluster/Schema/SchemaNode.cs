using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GongOperator.LocalCluster.Schema;

/// <summary>One node of a parsed CRD OpenAPI v3 schema (the structural subset plus value validations).</summary>
internal sealed class SchemaNode
{
    private static readonly IReadOnlyDictionary<string, SchemaNode> NoProperties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);

    /// <summary>The <c>type</c>: object, array, string, integer, number, boolean, or null when absent.</summary>
    public string? Type { get; private init; }

    /// <summary>The <c>format</c>, e.g. date-time or int32.</summary>
    public string? Format { get; private init; }

    /// <summary>The <c>description</c>.</summary>
    public string? Description { get; private init; }

    /// <summary>Whether null is an accepted value.</summary>
    public bool Nullable { get; private init; }

    /// <summary>Named properties, in schema order.</summary>
    public IReadOnlyDictionary<string, SchemaNode> Properties { get; private init; } = NoProperties;

    /// <summary>The schema for keys not named in <see cref="Properties"/> (maps), if any.</summary>
    public SchemaNode? AdditionalProperties { get; private init; }

    /// <summary>The schema of array items.</summary>
    public SchemaNode? Items { get; private init; }

    /// <summary>Required property names, in schema order.</summary>
    public IReadOnlyList<string> Required { get; private init; } = [];

    /// <summary>Allowed values, or null when unrestricted.</summary>
    public IReadOnlyList<JsonNode?>? Enum { get; private init; }

    /// <summary>The <c>pattern</c> text as written in the schema.</summary>
    public string? Pattern { get; private init; }

    /// <summary>The compiled <see cref="Pattern"/>.</summary>
    public Regex? PatternRegex { get; private init; }

    public long? MinLength { get; private init; }

    public long? MaxLength { get; private init; }

    public long? MinItems { get; private init; }

    public long? MaxItems { get; private init; }

    public long? MinProperties { get; private init; }

    public long? MaxProperties { get; private init; }

    public double? Minimum { get; private init; }

    public double? Maximum { get; private init; }

    public bool ExclusiveMinimum { get; private init; }

    public bool ExclusiveMaximum { get; private init; }

    public double? MultipleOf { get; private init; }

    /// <summary>The <c>default</c> value, when <see cref="HasDefault"/>.</summary>
    public JsonNode? Default { get; private init; }

    /// <summary>Whether a <c>default</c> keyword is present (a null default counts).</summary>
    public bool HasDefault { get; private init; }

    /// <summary><c>x-kubernetes-preserve-unknown-fields: true</c>.</summary>
    public bool PreserveUnknownFields { get; private init; }

    /// <summary><c>x-kubernetes-int-or-string: true</c>.</summary>
    public bool IntOrString { get; private init; }

    /// <summary><c>x-kubernetes-embedded-resource: true</c> (apiVersion, kind and metadata are kept).</summary>
    public bool EmbeddedResource { get; private init; }

    /// <summary><c>x-kubernetes-list-type</c>: atomic, set or map.</summary>
    public string? ListType { get; private init; }

    /// <summary><c>x-kubernetes-list-map-keys</c>.</summary>
    public IReadOnlyList<string> ListMapKeys { get; private init; } = [];

    /// <summary><c>x-kubernetes-map-type</c>: granular or atomic.</summary>
    public string? MapType { get; private init; }

    /// <summary>Value-validation sub-schemas under <c>allOf</c>.</summary>
    public IReadOnlyList<SchemaNode> AllOf { get; private init; } = [];

    /// <summary>Value-validation sub-schemas under <c>anyOf</c>.</summary>
    public IReadOnlyList<SchemaNode> AnyOf { get; private init; } = [];

    /// <summary>Value-validation sub-schemas under <c>oneOf</c>.</summary>
    public IReadOnlyList<SchemaNode> OneOf { get; private init; } = [];

    /// <summary>The <c>not</c> sub-schema.</summary>
    public SchemaNode? Not { get; private init; }

    /// <summary>CEL rules on this node (recorded only).</summary>
    public IReadOnlyList<ValidationRule> Rules { get; private init; } = [];

    /// <summary>Parses one node; CEL rules found anywhere below are appended to <paramref name="rules"/>.</summary>
    public static SchemaNode Parse(JsonObject o, string path, List<ValidationRule> rules)
    {
        var properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        if (o["properties"] is JsonObject props)
        {
            foreach (KeyValuePair<string, JsonNode?> kv in props)
            {
                if (kv.Value is JsonObject p)
                {
                    properties[kv.Key] = Parse(p, Join(path, kv.Key), rules);
                }
            }
        }

        SchemaNode? additional = o["additionalProperties"] switch
        {
            JsonObject ap => Parse(ap, path, rules),
            JsonValue v when JsonValues.AsBool(v) == true => new SchemaNode { PreserveUnknownFields = true },
            _ => null,
        };

        SchemaNode? items = o["items"] switch
        {
            JsonObject it => Parse(it, path + "[*]", rules),
            JsonArray arr when arr.Count > 0 && arr[0] is JsonObject first => Parse(first, path + "[*]", rules),
            _ => null,
        };

        List<ValidationRule> local = [];
        if (o["x-kubernetes-validations"] is JsonArray validations)
        {
            foreach (JsonNode? item in validations)
            {
                if (item is JsonObject r && JsonValues.AsString(r["rule"]) is { } rule)
                {
                    local.Add(new ValidationRule(
                        path,
                        rule,
                        JsonValues.AsString(r["message"]),
                        JsonValues.AsString(r["messageExpression"]),
                        JsonValues.AsString(r["reason"]),
                        JsonValues.AsString(r["fieldPath"])));
                }
            }

            rules.AddRange(local);
        }

        string? pattern = JsonValues.AsString(o["pattern"]);
        Regex? regex = null;
        if (pattern is not null)
        {
            try
            {
                regex = Re2Pattern.Compile(pattern);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{(path.Length == 0 ? "<root>" : path)}.pattern: invalid regular expression '{pattern}': {e.Message}", nameof(o), e);
            }
        }

        bool hasDefault = o.TryGetPropertyValue("default", out JsonNode? defaultValue);

        return new SchemaNode
        {
            Type = JsonValues.AsString(o["type"]),
            Format = JsonValues.AsString(o["format"]),
            Description = JsonValues.AsString(o["description"]),
            Nullable = JsonValues.AsBool(o["nullable"]) == true,
            Properties = properties,
            AdditionalProperties = additional,
            Items = items,
            Required = o["required"] is JsonArray req ? req.Select(JsonValues.AsString).OfType<string>().ToList() : [],
            Enum = o["enum"] is JsonArray en ? en.Select(e => e?.DeepClone()).ToList() : null,
            Pattern = pattern,
            PatternRegex = regex,
            MinLength = Long(o["minLength"]),
            MaxLength = Long(o["maxLength"]),
            MinItems = Long(o["minItems"]),
            MaxItems = Long(o["maxItems"]),
            MinProperties = Long(o["minProperties"]),
            MaxProperties = Long(o["maxProperties"]),
            Minimum = JsonValues.AsDouble(o["minimum"]),
            Maximum = JsonValues.AsDouble(o["maximum"]),
            ExclusiveMinimum = JsonValues.AsBool(o["exclusiveMinimum"]) == true,
            ExclusiveMaximum = JsonValues.AsBool(o["exclusiveMaximum"]) == true,
            MultipleOf = JsonValues.AsDouble(o["multipleOf"]),
            Default = hasDefault ? defaultValue?.DeepClone() : null,
            HasDefault = hasDefault,
            PreserveUnknownFields = JsonValues.AsBool(o["x-kubernetes-preserve-unknown-fields"]) == true,
            IntOrString = JsonValues.AsBool(o["x-kubernetes-int-or-string"]) == true,
            EmbeddedResource = JsonValues.AsBool(o["x-kubernetes-embedded-resource"]) == true,
            ListType = JsonValues.AsString(o["x-kubernetes-list-type"]),
            ListMapKeys = o["x-kubernetes-list-map-keys"] is JsonArray keys ? keys.Select(JsonValues.AsString).OfType<string>().ToList() : [],
            MapType = JsonValues.AsString(o["x-kubernetes-map-type"]),
            AllOf = SubSchemas(o["allOf"], path, rules),
            AnyOf = SubSchemas(o["anyOf"], path, rules),
            OneOf = SubSchemas(o["oneOf"], path, rules),
            Not = o["not"] is JsonObject not ? Parse(not, path, rules) : null,
            Rules = local,
        };
    }

    /// <summary>Joins a dotted path and a property name.</summary>
    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static List<SchemaNode> SubSchemas(JsonNode? node, string path, List<ValidationRule> rules) =>
        node is JsonArray arr ? arr.OfType<JsonObject>().Select(s => Parse(s, path, rules)).ToList() : [];

    private static long? Long(JsonNode? node)
    {
        double? d = JsonValues.AsDouble(node);
        return d is null ? null : (long)d.Value;
    }
}
