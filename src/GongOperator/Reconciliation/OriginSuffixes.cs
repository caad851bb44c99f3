namespace GongOperator.Reconciliation;

/// <summary>
/// The host suffixes a platform team allows origins under (the <c>allowedOriginSuffixes</c> key of a credentials
/// Secret, or <c>--default-allowed-origin-suffixes</c>): <c>.partner.com</c> allows every sub-domain of partner.com,
/// <c>partner.com</c> that host and its sub-domains. The match is on the origin's host, at a dot, so
/// <c>evilpartner.com</c> never matches <c>partner.com</c>.
/// </summary>
/// <param name="Source">Where the list comes from, for messages (a Secret key or a flag).</param>
/// <param name="Suffixes">Lower-case host suffixes; empty allows no origin.</param>
public sealed record OriginSuffixes(string Source, IReadOnlyList<string> Suffixes)
{
    /// <summary>Parses a comma- or newline-separated list; returns null and a problem sentence for an entry that is not a host suffix.</summary>
    public static IReadOnlyList<string>? Parse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = text.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var bad = entries.FirstOrDefault(e => !IsHostSuffix(e));
        problem = bad is null ? null : $"'{bad}' is not a host name suffix such as .partner.com (lower case, no scheme, port or wildcard)";
        return bad is null ? entries.Distinct(StringComparer.Ordinal).ToArray() : null;
    }

    /// <summary>True when the host of <paramref name="allowedOrigin"/> (scheme://host[:port]) is under one of the suffixes.</summary>
    public bool Allows(string allowedOrigin)
    {
        if (!Uri.TryCreate(allowedOrigin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        return Suffixes.Any(s => s.StartsWith('.')
            ? host.EndsWith(s, StringComparison.Ordinal)
            : host == s || host.EndsWith("." + s, StringComparison.Ordinal));
    }

    /// <summary>The list as messages show it.</summary>
    public string Describe() => Suffixes.Count == 0 ? "none" : string.Join(", ", Suffixes);

    private static bool IsHostSuffix(string entry) =>
        entry.Length is > 0 and <= 253
        && entry.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')
        && entry.TrimStart('.').Length > 0
        && !entry.Contains("..", StringComparison.Ordinal)
        && !entry.EndsWith('.');
}
