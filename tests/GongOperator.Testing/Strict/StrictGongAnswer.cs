namespace GongOperator.Testing.Strict;

/// <summary>What the strict stand-in writes back: a status, a content type and a body, and optionally Retry-After (seconds).</summary>
public sealed record StrictGongAnswer(int Status, string ContentType, string Body, int? RetryAfterSeconds = null)
{
    public static StrictGongAnswer Json(int status, string body, int? retryAfterSeconds = null) => new(status, "application/json", body, retryAfterSeconds);

    public static StrictGongAnswer Html(int status, string body) => new(status, "text/html; charset=utf-8", body);
}
