using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace GongOperator.LocalCluster.Schema;

/// <summary>
/// Checks for the string <c>format</c>s the Kubernetes CRD validator knows. Unknown formats (and
/// number formats such as int32/int64/float/double) are not checked, as on the real server.
/// </summary>
internal static partial class StringFormats
{
    /// <summary>Returns false when <paramref name="format"/> is known and <paramref name="value"/> does not satisfy it.</summary>
    public static bool IsValid(string format, string value) =>
        format switch
        {
            "date-time" or "datetime" => IsDateTime(value),
            "date" => IsDate(value),
            "uri" => IsUri(value),
            "email" => EmailRegex().IsMatch(value),
            "hostname" => IsHostname(value),
            "ipv4" => IsIPv4(value),
            "ipv6" => IsIPv6(value),
            "cidr" => IsCidr(value),
            "mac" => MacRegex().IsMatch(value),
            "uuid" => UuidRegex().IsMatch(value),
            "uuid3" => Uuid3Regex().IsMatch(value),
            "uuid4" => Uuid4Regex().IsMatch(value),
            "uuid5" => Uuid5Regex().IsMatch(value),
            "byte" => IsBase64(value),
            "duration" => DurationRegex().IsMatch(value),
            "hexcolor" => HexColorRegex().IsMatch(value),
            "rgbcolor" => RgbColorRegex().IsMatch(value),
            "bsonobjectid" => BsonObjectIdRegex().IsMatch(value),
            _ => true,
        };

    private static bool IsDateTime(string value)
    {
        Match m = DateTimeRegex().Match(value);
        if (!m.Success)
        {
            return false;
        }

        return IsDate(m.Groups[1].Value)
            && int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) < 24
            && int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) < 60
            && int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) < 61;
    }

    private static bool IsDate(string value) =>
        DateRegex().IsMatch(value)
        && DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsUri(string value)
    {
        // Go's url.Parse is lenient: it fails on control characters, bad %-escapes and a missing scheme before ':'.
        if (value.Any(char.IsControl) || value.StartsWith(':'))
        {
            return false;
        }

        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && (i + 2 >= value.Length || !Uri.IsHexDigit(value[i + 1]) || !Uri.IsHexDigit(value[i + 2])))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHostname(string value)
    {
        if (value.Length == 0 || value.Length > 255)
        {
            return false;
        }

        return value.TrimEnd('.').Split('.').All(label => HostnameLabelRegex().IsMatch(label));
    }

    private static bool IsIPv4(string value)
    {
        string[] parts = value.Split('.');
        return parts.Length == 4 && parts.All(p =>
            p.Length is > 0 and <= 3
            && p.All(char.IsAsciiDigit)
            && (p.Length == 1 || p[0] != '0')
            && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }

    private static bool IsIPv6(string value) =>
        value.Contains(':', StringComparison.Ordinal)
        && IPAddress.TryParse(value, out IPAddress? a)
        && a.AddressFamily == AddressFamily.InterNetworkV6
        && !value.Contains('%', StringComparison.Ordinal);

    private static bool IsCidr(string value)
    {
        int slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        string ip = value[..slash];
        string prefix = value[(slash + 1)..];
        if (prefix.Length == 0 || !prefix.All(char.IsAsciiDigit) || prefix.Length > 3)
        {
            return false;
        }

        int bits = int.Parse(prefix, CultureInfo.InvariantCulture);
        return IsIPv4(ip) ? bits <= 32 : IsIPv6(ip) && bits <= 128;
    }

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimeRegex();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DateRegex();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"^[A-Za-z0-9\p{L}\p{S}]([A-Za-z0-9\p{L}\p{S}-]{0,61}[A-Za-z0-9\p{L}\p{S}])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostnameLabelRegex();

    [GeneratedRegex(@"^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{2}[:-]){7}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex MacRegex();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex UuidRegex();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?3[0-9a-fA-F]{3}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Uuid3Regex();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?4[0-9a-fA-F]{3}-?[89abAB][0-9a-fA-F]{3}-?[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Uuid4Regex();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?5[0-9a-fA-F]{3}-?[89abAB][0-9a-fA-F]{3}-?[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Uuid5Regex();

    [GeneratedRegex(@"^\s*(-?(\d+(\.\d+)?)\s*(ns|us|µs|ms|s|m|h|d|w|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?)\s*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationRegex();

    [GeneratedRegex(@"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColorRegex();

    [GeneratedRegex(@"^rgb\(\s*(\d{1,3}%?)\s*,\s*(\d{1,3}%?)\s*,\s*(\d{1,3}%?)\s*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex RgbColorRegex();

    [GeneratedRegex(@"^[0-9a-fA-F]{24}$", RegexOptions.CultureInvariant)]
    private static partial Regex BsonObjectIdRegex();
}
