namespace GongOperator.Testing.Strict;

/// <summary>One request as the strict stand-in read it off the socket, with when it "arrived" (after the simulated network delay).</summary>
/// <param name="RequestLine">The raw request line, e.g. <c>POST /v2/integration-settings HTTP/1.1</c>.</param>
/// <param name="Headers">Header names as sent (compare case-insensitively); a repeated header keeps every value.</param>
/// <param name="Body">The body bytes, exactly as many as Content-Length said (empty when the request was refused before).</param>
/// <param name="Company">The Authorization header: the stand-in counts arrivals per credentials, as Gong counts per company.</param>
/// <param name="ArrivedAt">Arrival time on the stand-in's monotonic clock.</param>
/// <param name="Status">What the stand-in answered.</param>
/// <param name="Violations">The wire rules this request broke (empty when it met them all).</param>
public sealed record StrictGongRequest(
    string RequestLine,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    string? Company,
    TimeSpan ArrivedAt,
    int Status,
    IReadOnlyList<string> Violations)
{
    /// <summary>Every value of a header (case-insensitive name).</summary>
    public IReadOnlyList<string> ValuesOf(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();

    /// <summary>The single value of a header, or null when absent.</summary>
    public string? Header(string name) => ValuesOf(name).SingleOrDefault();

    /// <summary>The request line's target (path and query string), or empty when the line is not method, target and version.</summary>
    public string Target => RequestLine.Split(' ') is [_, var target, _] ? target : string.Empty;

    /// <summary>The target's path, without the query string.</summary>
    public string Path => Target.Split('?', 2)[0];

    /// <summary>The target's query string (without '?'), or empty.</summary>
    public string Query => Target.Split('?', 2) is [_, var query] ? query : string.Empty;
}
