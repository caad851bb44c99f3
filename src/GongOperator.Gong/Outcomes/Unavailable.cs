namespace GongOperator.Gong;

/// <summary>Gong could not be reached or gave no usable answer (5xx, timeout, reset, unreadable body, open circuit); transient.</summary>
public sealed record Unavailable : RegistrationOutcome
{
    /// <summary>Creates the outcome.</summary>
    public Unavailable(string reason, int? statusCode, DateTimeOffset? retryNotBefore, string? requestId, IReadOnlyList<string>? errors)
        : base(requestId, errors)
    {
        Reason = reason;
        StatusCode = statusCode;
        RetryNotBefore = retryNotBefore;
    }

    /// <summary>A short, non-secret reason, for example "HTTP 503", "timeout", "connection failed", "unreadable response body", "circuit open".</summary>
    public string Reason { get; }

    /// <summary>The HTTP status code when Gong answered one.</summary>
    public int? StatusCode { get; }

    /// <summary>Set when the client knows a call before this time is pointless (an open circuit).</summary>
    public DateTimeOffset? RetryNotBefore { get; }
}
