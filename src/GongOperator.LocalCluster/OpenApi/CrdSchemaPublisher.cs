using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.OpenApi;

/// <summary>
/// Turns a CRD version's openAPIV3Schema into the component the server publishes: keys in a stable
/// order, properties sorted, standard apiVersion/kind descriptions, metadata pointing at ObjectMeta,
/// and the kind's <c>x-kubernetes-group-version-kind</c> (an array). CRD descriptions are kept.
/// </summary>
internal static class CrdSchemaPublisher
{
    private static readonly string[] KeyOrder =
    [
        "description", "type", "format", "title", "required", "items", "properties", "additionalProperties",
        "allOf", "anyOf", "oneOf", "not", "default", "enum", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
        "multipleOf", "maxProperties", "minProperties", "nullable", "example", "externalDocs",
    ];

    /// <summary>The published component for a kind; <paramref name="schema"/> is not modified.</summary>
    public static JsonObject Publish(JsonObject? schema, string group, string version, string kind, string fallbackDescription)
    {
        JsonObject source = schema is null ? new JsonObject { ["type"] = "object" } : (JsonObject)schema.DeepClone();
        if (!source.ContainsKey("description"))
        {
            source["description"] = fallbackDescription;
        }

        JsonObject root = Canonical(source);

        var properties = root["properties"] as JsonObject ?? new JsonObject();
        var merged = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, JsonNode?> kv in properties)
        {
            merged[kv.Key] = kv.Value?.DeepClone();
        }

        merged["apiVersion"] = SchemaFactory.Str(MetaSchemas.ApiVersionDescription);
        merged["kind"] = SchemaFactory.Str(MetaSchemas.KindDescription);
        merged["metadata"] = SchemaFactory.Ref(MetaSchemas.ObjectMeta, MetaSchemas.ObjectMetaDescription);
        var props = new JsonObject();
        foreach (KeyValuePair<string, JsonNode?> kv in merged)
        {
            props[kv.Key] = kv.Value;
        }

        JsonObject result = Reorder(root, props);
        result["x-kubernetes-group-version-kind"] = Gvk(group, version, kind);
        return result;
    }

    /// <summary>The array form of <c>x-kubernetes-group-version-kind</c> used on components.</summary>
    public static JsonArray Gvk(string group, string version, string kind) =>
        new(new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version });

    /// <summary>A deep copy with keys in the stable order and properties sorted by name.</summary>
    public static JsonObject Canonical(JsonObject schema)
    {
        JsonObject? props = null;
        if (schema["properties"] is JsonObject p)
        {
            props = new JsonObject();
            foreach (KeyValuePair<string, JsonNode?> kv in p.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                props[kv.Key] = kv.Value is JsonObject child ? Canonical(child) : kv.Value?.DeepClone();
            }
        }

        return Reorder(schema, props);
    }

    private static JsonObject Reorder(JsonObject schema, JsonObject? properties)
    {
        var result = new JsonObject();
        foreach (string key in KeyOrder)
        {
            if (!schema.TryGetPropertyValue(key, out JsonNode? value))
            {
                if (key == "properties" && properties is not null)
                {
                    result[key] = properties;
                }

                continue;
            }

            result[key] = key switch
            {
                "properties" => properties ?? value?.DeepClone(),
                "items" or "additionalProperties" or "not" when value is JsonObject o => Canonical(o),
                "allOf" or "anyOf" or "oneOf" when value is JsonArray a => new JsonArray(a.Select(x => x is JsonObject xo ? (JsonNode)Canonical(xo) : x?.DeepClone()).ToArray()),
                _ => value?.DeepClone(),
            };
        }

        foreach (KeyValuePair<string, JsonNode?> kv in schema.Where(kv => Array.IndexOf(KeyOrder, kv.Key) < 0).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            result[kv.Key] = kv.Value?.DeepClone();
        }

        return result;
    }
}
