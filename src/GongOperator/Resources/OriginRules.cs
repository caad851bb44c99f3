using System.Globalization;

namespace GongOperator.Resources;

/// <summary>
/// What an allowed origin may be. The CRD pattern lets the API server refuse bad input at apply time;
/// <see cref="Validate"/> checks the same rules again in the operator, for objects written past the schema.
/// </summary>
public static class OriginRules
{
    /// <summary>
    /// https or http, lower-case DNS labels of at most 63 characters separated by dots, an optional port from 1 to
    /// 65535 with no leading zero, nothing after. RE2-compatible (no look-around), anchored because Kubernetes
    /// patterns are unanchored. The port is spelled out digit by digit so the API server refuses 0 and 70000 itself.
    /// </summary>
    public const string Pattern =
        @"^https?://[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*"
        + @"(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?$";

    /// <summary>
    /// The host is at most 253 characters: a bound one RE2 pattern cannot add to <see cref="Pattern"/>'s label
    /// structure, so the schema states it as a second pattern (allOf) and the API server checks both.
    /// </summary>
    public const string HostLengthPattern = @"^https?://[^:]{1,253}(:[0-9]+)?$";

    /// <summary>"https://" (8) + a 253-character host + ":65535" (6).</summary>
    public const int MaxLength = 267;

    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Returns null when <paramref name="origin"/> is a valid origin, else a sentence saying what is wrong.</summary>
    public static string? Validate(string? origin)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return "spec.allowedOrigin is required.";
        }

        if (origin.Length > MaxLength)
        {
            return $"spec.allowedOrigin is {origin.Length} characters long; at most {MaxLength} are allowed.";
        }

        string rest;
        if (origin.StartsWith("https://", StringComparison.Ordinal))
        {
            rest = origin["https://".Length..];
        }
        else if (origin.StartsWith("http://", StringComparison.Ordinal))
        {
            rest = origin["http://".Length..];
        }
        else
        {
            return $"spec.allowedOrigin \"{origin}\" must start with https:// or http://.";
        }

        if (rest.IndexOfAny(['/', '?', '#']) >= 0)
        {
            return $"spec.allowedOrigin \"{origin}\" must be an origin only (scheme://host[:port]): remove the path, query or fragment.";
        }

        if (rest.Contains('@', StringComparison.Ordinal))
        {
            return $"spec.allowedOrigin \"{origin}\" must not contain user info.";
        }

        if (rest.Contains('*', StringComparison.Ordinal))
        {
            return $"spec.allowedOrigin \"{origin}\" must not contain a wildcard: register each origin on its own.";
        }

        var host = rest;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            host = rest[..colon];
            var port = rest[(colon + 1)..];
            // A leading zero is refused: a browser sends the port without it, so Gong would never see that origin.
            if (port.Length is 0 or > 5 || !port.All(char.IsAsciiDigit) || port[0] == '0'
                || int.Parse(port, CultureInfo.InvariantCulture) > 65535)
            {
                return $"spec.allowedOrigin \"{origin}\" has an invalid port \"{port}\": use 1 to 65535, with no leading zero.";
            }
        }

        if (host.Length is 0 or > MaxHostLength)
        {
            return $"spec.allowedOrigin \"{origin}\" needs a host name of 1 to {MaxHostLength} characters.";
        }

        if (host.Any(char.IsAsciiLetterUpper))
        {
            return $"spec.allowedOrigin \"{origin}\" must be lower-case (write \"{origin.ToLowerInvariant()}\").";
        }

        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength
                || !label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
                || label[0] == '-' || label[^1] == '-')
            {
                return $"spec.allowedOrigin \"{origin}\" has an invalid host name \"{host}\": use DNS labels of lower-case letters, digits and '-'.";
            }
        }

        return null;
    }
}
