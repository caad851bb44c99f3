using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Schema;

/// <summary>
/// Renders values the way the Go API server prints them in error messages (<c>%q</c>, <c>%v</c>,
/// <c>%#v</c>), so our messages read exactly like the real ones.
/// </summary>
internal static class GoFormat
{
    /// <summary>Go's <c>strconv.Quote</c>: double quotes, backslash escapes, printable Unicode kept.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (Rune r in value.EnumerateRunes())
        {
            switch (r.Value)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\a':
                    sb.Append("\\a");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\v':
                    sb.Append("\\v");
                    break;
                default:
                    if (r.Value < 0x20 || r.Value == 0x7f)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\x{r.Value:x2}");
                    }
                    else if ((r.Value != ' ' && Rune.GetUnicodeCategory(r) == UnicodeCategory.SpaceSeparator)
                             || Rune.GetUnicodeCategory(r) is UnicodeCategory.Control or UnicodeCategory.Format
                             or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                             or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                    {
                        sb.Append(r.Value > 0xFFFF
                            ? string.Create(CultureInfo.InvariantCulture, $"\\U{r.Value:x8}")
                            : string.Create(CultureInfo.InvariantCulture, $"\\u{r.Value:x4}"));
                    }
                    else
                    {
                        sb.Append(r.ToString());
                    }

                    break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Go's <c>%v</c> for a float64: shortest digits, exponent form below 1e-4 and from 1e+06 on.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        // "R" gives the shortest round-trip digits, which we lay out as Go does.
        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        (string digits, int exp) = Decompose(shortest);
        var sb = new StringBuilder();
        if (value < 0)
        {
            sb.Append('-');
        }

        // Go's shortest %v switches to the exponent form when exp < -4 || exp >= 6 (1e+06, 1e-05).
        if (exp < -4 || exp >= 6)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            sb.Append('e').Append(exp < 0 ? '-' : '+');
            int a = Math.Abs(exp);
            sb.Append(a < 10 ? "0" + a.ToString(CultureInfo.InvariantCulture) : a.ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        if (exp < 0)
        {
            sb.Append("0.").Append('0', -exp - 1).Append(digits);
            return sb.ToString();
        }

        if (digits.Length <= exp + 1)
        {
            sb.Append(digits).Append('0', exp + 1 - digits.Length);
            return sb.ToString();
        }

        sb.Append(digits, 0, exp + 1).Append('.').Append(digits, exp + 1, digits.Length - exp - 1);
        return sb.ToString();
    }

    /// <summary>Splits a positive "R" formatted number into its significant digits and decimal exponent.</summary>
    private static (string Digits, int Exp) Decompose(string s)
    {
        int exp = 0;
        int e = s.IndexOfAny(['E', 'e']);
        string mantissa = s;
        if (e >= 0)
        {
            exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = s[..e];
        }

        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        string fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        string all = intPart + fracPart;
        int pointPos = intPart.Length;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        string digits = all[lead..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        return (digits, exp + pointPos - lead - 1);
    }

    /// <summary>
    /// The bad-value part of a field error (<c>Invalid value: X</c>): strings quoted, integers,
    /// floats and booleans plain, null as <c>"null"</c>, objects and arrays as Go's <c>%#v</c>.
    /// </summary>
    public static string BadValue(JsonNode? value) =>
        JsonValues.KindOf(value) switch
        {
            JsonKind.Null => "\"null\"",
            JsonKind.String => Quote(JsonValues.AsString(value)!),
            JsonKind.Integer => JsonValues.TryGetInt64(value, out long l) ? l.ToString(CultureInfo.InvariantCulture) : "0",
            JsonKind.Number => Float(JsonValues.GetDouble(value!)),
            JsonKind.Boolean => JsonValues.AsBool(value) == true ? "true" : "false",
            _ => SharpV(value),
        };

    /// <summary>Go's <c>%#v</c> for decoded JSON (<c>map[string]interface {}{"a":1}</c>).</summary>
    public static string SharpV(JsonNode? value)
    {
        switch (JsonValues.KindOf(value))
        {
            case JsonKind.Null:
                return "interface {}(nil)";
            case JsonKind.String:
                return Quote(JsonValues.AsString(value)!);
            case JsonKind.Integer:
                return JsonValues.TryGetInt64(value, out long l) ? l.ToString(CultureInfo.InvariantCulture) : "0";
            case JsonKind.Number:
                return Float(JsonValues.GetDouble(value!));
            case JsonKind.Boolean:
                return JsonValues.AsBool(value) == true ? "true" : "false";
            case JsonKind.Array:
                return "[]interface {}{" + string.Join(", ", value!.AsArray().Select(SharpV)) + "}";
            default:
                {
                    IEnumerable<string> parts = value!.AsObject()
                        .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                        .Select(kv => Quote(kv.Key) + ":" + SharpV(kv.Value));
                    return "map[string]interface {}{" + string.Join(", ", parts) + "}";
                }
        }
    }
}
