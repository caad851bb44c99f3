using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.OpenApi;

/// <summary>Terse builders for OpenAPI schema fragments used by the built-in catalogue.</summary>
internal static class SchemaFactory
{
    /// <summary>Prefix of component references.</summary>
    public const string ComponentPrefix = "#/components/schemas/";

    public static JsonObject Str(string description) => new() { ["description"] = description, ["type"] = "string" };

    public static JsonObject StrEnum(string description, params string[] values) =>
        new() { ["description"] = description, ["type"] = "string", ["enum"] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()) };

    public static JsonObject Bytes(string description) => new() { ["description"] = description, ["type"] = "string", ["format"] = "byte" };

    public static JsonObject Int32(string description) => new() { ["description"] = description, ["type"] = "integer", ["format"] = "int32" };

    public static JsonObject Int64(string description) => new() { ["description"] = description, ["type"] = "integer", ["format"] = "int64" };

    public static JsonObject Bool(string description) => new() { ["description"] = description, ["type"] = "boolean" };

    public static JsonObject IntOrString(string description) =>
        new() { ["description"] = description, ["type"] = "string", ["format"] = "int-or-string", ["x-kubernetes-int-or-string"] = true };

    /// <summary>A property that points at a component: <c>{description, allOf:[{$ref}]}</c>, as the real documents do.</summary>
    public static JsonObject Ref(string component, string description) =>
        new() { ["description"] = description, ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = ComponentPrefix + component }) };

    /// <summary>An object with named properties.</summary>
    public static JsonObject Obj(string description, params (string Name, JsonObject Schema)[] properties)
    {
        var props = new JsonObject();
        foreach ((string name, JsonObject schema) in properties.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            props[name] = schema;
        }

        return new JsonObject { ["description"] = description, ["type"] = "object", ["properties"] = props };
    }

    /// <summary>An object with named properties and required names.</summary>
    public static JsonObject ObjRequired(string description, string[] required, params (string Name, JsonObject Schema)[] properties)
    {
        JsonObject o = Obj(description, properties);
        o["required"] = new JsonArray(required.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        return o;
    }

    /// <summary>A map (<c>additionalProperties</c>).</summary>
    public static JsonObject MapOf(string description, JsonObject values) =>
        new() { ["description"] = description, ["type"] = "object", ["additionalProperties"] = values };

    /// <summary>A string-to-string map.</summary>
    public static JsonObject StringMap(string description) => MapOf(description, new JsonObject { ["type"] = "string" });

    /// <summary>An array; <paramref name="mergeKey"/> adds the strategic-merge metadata kubectl reads.</summary>
    public static JsonObject ArrayOf(string description, JsonObject items, string? mergeKey = null, string? listType = null)
    {
        var a = new JsonObject { ["description"] = description, ["type"] = "array", ["items"] = items };
        if (mergeKey is not null)
        {
            a["x-kubernetes-patch-merge-key"] = mergeKey;
            a["x-kubernetes-patch-strategy"] = "merge";
            a["x-kubernetes-list-map-keys"] = new JsonArray(mergeKey);
            a["x-kubernetes-list-type"] = "map";
        }
        else if (listType is not null)
        {
            a["x-kubernetes-list-type"] = listType;
        }

        return a;
    }

    /// <summary>A string array.</summary>
    public static JsonObject Strings(string description) => ArrayOf(description, new JsonObject { ["type"] = "string" });

    /// <summary>An items schema pointing at a component.</summary>
    public static JsonObject ItemRef(string component) =>
        new() { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = ComponentPrefix + component }) };

    /// <summary>An object that accepts anything (kept when we do not model a nested type).</summary>
    public static JsonObject Free(string description) =>
        new() { ["description"] = description, ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
}
