namespace GongOperator.Gong;

/// <summary>
/// Gong could not be reached or gave no usable answer (5xx, timeout, reset, unreadable body, open circuit); the
/// operator retries it with a short backoff. Built by the named factories, one per way of failing.
/// </summary>
public sealed record Unavailable : RegistrationOutcome
{
    private readonly bool _transient;

    private Unavailable(string reason, int? statusCode, DateTimeOffset? retryNotBefore, bool transient, string? requestId = null, IReadOnlyList<string>? errors = null)
        : base(requestId, errors)
    {
        Reason = reason;
        StatusCode = statusCode;
        RetryNotBefore = retryNotBefore;
        _transient = transient;
    }

    /// <summary>A short, non-secret reason, for example "HTTP 503", "timeout", "connection failed", "HTTP 200 without an integrationId", "circuit open".</summary>
    public string Reason { get; }

    /// <summary>The HTTP status code when Gong answered one.</summary>
    public int? StatusCode { get; }

    /// <summary>Set when the client knows a call before this time is pointless (an open circuit).</summary>
    public override DateTimeOffset? RetryNotBefore { get; }

    internal override bool IsTransient => _transient;

    /// <summary>Gong answered a status that is neither success nor a business answer; 5xx and 408 are retried within the call.</summary>
    public static Unavailable HttpStatus(int statusCode, string? requestId = null, IReadOnlyList<string>? errors = null) =>
        new("HTTP " + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), statusCode, null, statusCode >= 500 || statusCode == 408, requestId, errors);

    /// <summary>Gong answered success without an integrationId, or with one that is not a 64-bit integer.</summary>
    public static Unavailable SuccessWithoutUsableId(int statusCode, bool hasId, string? requestId = null, IReadOnlyList<string>? errors = null) =>
        new(
            "HTTP " + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + (hasId ? " with an integrationId that is not a 64-bit integer" : " without an integrationId"),
            statusCode,
            null,
            transient: false,
            requestId,
            errors);

    /// <summary>
    /// The body is not Gong's JSON: an error page of a proxy or gateway in front of Gong. Retried within the call as
    /// its status would be.
    /// </summary>
    public static Unavailable NotGongJson(int statusCode, string? mediaType) =>
        new(
            "HTTP " + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + " answered with " + (mediaType ?? "no content type") + ", not Gong's JSON",
            statusCode,
            null,
            transient: statusCode >= 500 || statusCode == 408);

    /// <summary>The call (or one attempt of it) timed out.</summary>
    public static Unavailable Timeout() => new("timeout", null, null, transient: true);

    /// <summary>The connection failed; only the error kind is kept (exception messages are not ours to vouch for).</summary>
    public static Unavailable ConnectionFailed(HttpRequestError error) => new("connection failed (" + error + ")", null, null, transient: true);

    /// <summary>Gong's answer started but its body did not arrive in time.</summary>
    public static Unavailable TimeoutReadingBody(int statusCode) => new("timeout reading response body", statusCode, null, transient: true);

    /// <summary>The connection broke while Gong's body was read.</summary>
    public static Unavailable ConnectionFailedReadingBody(int statusCode) => new("connection failed while reading response body", statusCode, null, transient: true);

    /// <summary>The company's circuit is open after repeated failures; no call before <paramref name="retryAt"/> when known.</summary>
    public static Unavailable CircuitOpen(DateTimeOffset? retryAt) => new("circuit open", null, retryAt, transient: false);

    /// <summary>The client itself failed (a bug, not Gong): waiting callers are answered rather than left hanging.</summary>
    public static Unavailable InternalClientError() => new("internal client error", null, null, transient: false);

    /// <summary>A registration ended in an unexpected way outside the client (named by its exception type, never its message).</summary>
    public static Unavailable UnexpectedClientFailure(string failure) => new("unexpected client failure: " + failure, null, null, transient: false);

    /// <summary>This outcome with <see cref="RetryNotBefore"/> set: a caller told when the next try may be made.</summary>
    public Unavailable WithRetryNotBefore(DateTimeOffset retryAt) => new(Reason, StatusCode, retryAt, _transient, RequestId, Errors);

    /// <summary>
    /// The OAuth authorization cannot give an access token yet (its refresh is under way elsewhere, or a new refresh token
    /// is not saved yet); <paramref name="reason"/> names why, never a token.
    /// </summary>
    public static Unavailable AuthorizationNotReady(string reason, DateTimeOffset? retryAt) => new(reason, null, retryAt, transient: false);
}
