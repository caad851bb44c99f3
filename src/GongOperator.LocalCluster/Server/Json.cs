using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Server;

/// <summary>Small JSON node helpers used across the request pipeline.</summary>
internal static class Json
{
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m)
        {
            return m;
        }

        var created = new JsonObject();
        obj["metadata"] = created;
        return created;
    }

    public static string? Text(JsonNode? node) => Schema.JsonValues.AsString(node);

    public static bool Bool(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    /// <summary>An integer value however the node was made (parsed, or created from int/long/double by a decoder).</summary>
    public static long? Number(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        return long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    /// <summary>Deep equality of two nodes, ignoring property order.</summary>
    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    /// <summary>A copy of <paramref name="obj"/> without the named top-level properties.</summary>
    public static JsonObject Without(JsonObject obj, params string[] names)
    {
        var copy = new JsonObject();
        foreach (var (k, v) in obj)
        {
            if (!names.Contains(k))
            {
                copy[k] = v?.DeepClone();
            }
        }

        return copy;
    }

    public static byte[] Serialize(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.ToArray();
    }
}
