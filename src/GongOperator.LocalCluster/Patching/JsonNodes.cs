using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Patching;

/// <summary>Value equality of <see cref="JsonNode"/> trees that treats 1 and 1.0 alike and ignores member order.</summary>
internal static class JsonNodes
{
    /// <summary>Deep equality of two JSON trees; numbers compare by value, objects ignore member order.</summary>
    public static bool DeepEquals(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        switch (left)
        {
            case JsonObject lo:
                if (right is not JsonObject ro || lo.Count != ro.Count)
                {
                    return false;
                }

                foreach (var (name, value) in lo)
                {
                    if (!ro.TryGetPropertyValue(name, out var other) || !DeepEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray la:
                if (right is not JsonArray ra || la.Count != ra.Count)
                {
                    return false;
                }

                for (var i = 0; i < la.Count; i++)
                {
                    if (!DeepEquals(la[i], ra[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return ScalarEquals(left, right);
        }
    }

    private static bool ScalarEquals(JsonNode left, JsonNode right)
    {
        var lk = left.GetValueKind();
        var rk = right.GetValueKind();
        if (lk != rk)
        {
            return false;
        }

        return lk switch
        {
            JsonValueKind.String => string.Equals(left.GetValue<string>(), right.GetValue<string>(), StringComparison.Ordinal),
            JsonValueKind.Number => NumberEquals(left, right),
            _ => true,
        };
    }

    private static bool NumberEquals(JsonNode left, JsonNode right)
    {
        if (TryGetDecimal(left, out var ld) && TryGetDecimal(right, out var rd))
        {
            return ld == rd;
        }

        return string.Equals(left.ToJsonString(), right.ToJsonString(), StringComparison.Ordinal);
    }

    private static bool TryGetDecimal(JsonNode node, out decimal value)
    {
        try
        {
            return decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
        catch (OverflowException)
        {
            value = 0;
            return false;
        }
    }
}
