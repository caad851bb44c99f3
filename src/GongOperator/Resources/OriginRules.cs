using System.Globalization;

namespace GongOperator.Resources;

/// <summary>
/// What an allowed origin may be. The CRD pattern lets the API server refuse bad input at apply time;
/// <see cref="Validate"/> checks the same rules again in the operator, for objects written past the schema.
/// </summary>
public static class OriginRules
{
    /// <summary>
    /// https or http, lower-case DNS labels separated by dots, an optional port, nothing after.
    /// RE2-compatible (no look-around), anchored because Kubernetes patterns are unanchored.
    /// </summary>
    public const string Pattern = @"^https?://[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?$";

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
            if (port.Length is 0 or > 5 || !port.All(char.IsAsciiDigit)
                || int.Parse(port, CultureInfo.InvariantCulture) is < 1 or > 65535)
            {
                return $"spec.allowedOrigin \"{origin}\" has an invalid port \"{port}\": use 1 to 65535.";
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
