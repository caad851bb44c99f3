using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Schema;

/// <summary>Small helpers over <see cref="JsonNode"/> values: kinds, numbers and equality.</summary>
internal static class JsonValues
{
    /// <summary>
    /// Classifies a node. A number is an integer when its text has no fraction or exponent and fits
    /// in 64 bits, as the Kubernetes JSON decoder decides (int64 versus float64).
    /// </summary>
    public static JsonKind KindOf(JsonNode? node)
    {
        if (node is null)
        {
            return JsonKind.Null;
        }

        switch (node.GetValueKind())
        {
            case JsonValueKind.Object:
                return JsonKind.Object;
            case JsonValueKind.Array:
                return JsonKind.Array;
            case JsonValueKind.String:
                return JsonKind.String;
            case JsonValueKind.True:
            case JsonValueKind.False:
                return JsonKind.Boolean;
            case JsonValueKind.Number:
                return TryGetInt64(node, out _) ? JsonKind.Integer : JsonKind.Number;
            default:
                return JsonKind.Null;
        }
    }

    /// <summary>Reads an integer written without fraction or exponent.</summary>
    public static bool TryGetInt64(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        string raw = v.ToJsonString();
        if (raw.Contains('.', StringComparison.Ordinal) || raw.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads any JSON number as a double.</summary>
    public static double GetDouble(JsonNode node) =>
        double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Reads a JSON number as double, or null when the node is not a number.</summary>
    public static double? AsDouble(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? GetDouble(v) : null;

    /// <summary>Reads a JSON string, or null.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>Reads a JSON boolean, or null.</summary>
    public static bool? AsBool(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    /// <summary>Deep equality where numbers compare by value (1 equals 1.0).</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        JsonKind ka = KindOf(a);
        JsonKind kb = KindOf(b);
        bool aNum = ka is JsonKind.Integer or JsonKind.Number;
        bool bNum = kb is JsonKind.Integer or JsonKind.Number;
        if (aNum && bNum)
        {
            if (TryGetInt64(a, out long la) && TryGetInt64(b, out long lb))
            {
                return la == lb;
            }

            return GetDouble(a!).Equals(GetDouble(b!));
        }

        if (ka != kb)
        {
            return false;
        }

        switch (ka)
        {
            case JsonKind.Null:
                return true;
            case JsonKind.String:
                return string.Equals(AsString(a), AsString(b), StringComparison.Ordinal);
            case JsonKind.Boolean:
                return AsBool(a) == AsBool(b);
            case JsonKind.Array:
                {
                    JsonArray xa = a!.AsArray();
                    JsonArray xb = b!.AsArray();
                    if (xa.Count != xb.Count)
                    {
                        return false;
                    }

                    for (int i = 0; i < xa.Count; i++)
                    {
                        if (!DeepEquals(xa[i], xb[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case JsonKind.Object:
                {
                    JsonObject oa = a!.AsObject();
                    JsonObject ob = b!.AsObject();
                    if (oa.Count != ob.Count)
                    {
                        return false;
                    }

                    foreach (KeyValuePair<string, JsonNode?> kv in oa)
                    {
                        if (!ob.TryGetPropertyValue(kv.Key, out JsonNode? other) || !DeepEquals(kv.Value, other))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            default:
                return false;
        }
    }
}
