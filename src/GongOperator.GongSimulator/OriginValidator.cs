using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GongOperator.GongSimulator;

/// <summary>Checks that a string is an origin (<c>http(s)://host[:port]</c> and nothing else) and gives its comparison key.</summary>
internal static class OriginValidator
{
    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Validates <paramref name="value"/>; on success <paramref name="origin"/> holds its parts, else <paramref name="reason"/> says what is wrong.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out ParsedOrigin? origin, [NotNullWhen(false)] out string? reason)
    {
        origin = null;
        var separator = value.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            reason = "has no scheme; an origin looks like https://host[:port]";
            return false;
        }

        var scheme = value[..separator].ToLowerInvariant();
        if (scheme is not ("http" or "https"))
        {
            reason = $"has scheme '{value[..separator]}'; only http and https are allowed";
            return false;
        }

        var authority = value[(separator + 3)..];
        if (authority.Any(char.IsWhiteSpace))
        {
            reason = "contains whitespace";
            return false;
        }

        if (authority.IndexOfAny(['/', '?', '#']) >= 0)
        {
            reason = "has a path, query or fragment (a trailing '/' counts); an origin is scheme://host[:port] and nothing else";
            return false;
        }

        if (authority.Contains('@', StringComparison.Ordinal))
        {
            reason = "carries user information; an origin is scheme://host[:port] and nothing else";
            return false;
        }

        if (!SplitHostAndPort(authority, out var host, out var portText, out reason))
        {
            return false;
        }

        if (!CheckHost(host, out reason))
        {
            return false;
        }

        int? port = null;
        if (portText is not null)
        {
            if (portText.Length is 0 or > 5 || !portText.All(char.IsAsciiDigit)
                || int.Parse(portText, NumberStyles.None, CultureInfo.InvariantCulture) is < 1 or > 65535)
            {
                reason = $"has port '{portText}'; a port is a number from 1 to 65535";
                return false;
            }

            port = int.Parse(portText, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        var lowerHost = host.ToLowerInvariant();
        var defaultPort = scheme == "https" ? 443 : 80;
        var key = port is null || port == defaultPort
            ? $"{scheme}://{lowerHost}"
            : string.Create(CultureInfo.InvariantCulture, $"{scheme}://{lowerHost}:{port}");
        origin = new ParsedOrigin(scheme, lowerHost, port, key);
        reason = null;
        return true;
    }

    /// <summary>Whether <paramref name="host"/> is <paramref name="domain"/> or a name under it.</summary>
    public static bool IsUnder(string host, string domain)
    {
        var d = domain.Trim().TrimStart('.').ToLowerInvariant();
        return host.Equals(d, StringComparison.Ordinal) || host.EndsWith("." + d, StringComparison.Ordinal);
    }

    private static bool SplitHostAndPort(string authority, out string host, out string? port, [NotNullWhen(false)] out string? reason)
    {
        host = authority;
        port = null;
        reason = null;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                reason = "has an IPv6 address without its closing ']'";
                return false;
            }

            host = authority[..(close + 1)];
            var after = authority[(close + 1)..];
            if (after.Length == 0)
            {
                return true;
            }

            if (after[0] != ':')
            {
                reason = "has characters after the IPv6 address that are not a port";
                return false;
            }

            port = after[1..];
            return true;
        }

        var colon = authority.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            host = authority[..colon];
            port = authority[(colon + 1)..];
            if (port.Contains(':', StringComparison.Ordinal))
            {
                reason = "has more than one ':' after the host";
                return false;
            }
        }

        return true;
    }

    private static bool CheckHost(string host, [NotNullWhen(false)] out string? reason)
    {
        reason = null;
        if (host.Length == 0)
        {
            reason = "has no host";
            return false;
        }

        if (host.StartsWith('['))
        {
            if (IPAddress.TryParse(host.AsSpan(1, host.Length - 2), out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                return true;
            }

            reason = $"has '{host}', which is not an IPv6 address";
            return false;
        }

        if (host.Contains('*', StringComparison.Ordinal))
        {
            reason = "has a wildcard; register each origin by its own name";
            return false;
        }

        if (host.Length > MaxHostLength)
        {
            reason = $"has a host longer than {MaxHostLength} characters";
            return false;
        }

        if (host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            var parts = host.Split('.');
            if (parts.Length == 4 && parts.All(p => p.Length is > 0 and <= 3 && int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture) <= 255))
            {
                return true;
            }

            reason = $"has host '{host}', which is neither a DNS name nor an IPv4 address";
            return false;
        }

        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
                || label.StartsWith('-') || label.EndsWith('-'))
            {
                reason = $"has host '{host}', which is not a DNS name (labels of 1 to 63 letters, digits or inner hyphens, separated by single dots)";
                return false;
            }
        }

        return true;
    }
}
