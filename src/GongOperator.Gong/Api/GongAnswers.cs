namespace GongOperator.Gong.Api;

/// <summary>
/// The one table from Gong's HTTP status to an outcome. The resilience pipeline asks it too: an answer is retried
/// within the call exactly when the outcome it maps to is transient, so "what is it" and "retry it" cannot disagree.
/// </summary>
internal static class GongAnswers
{
    /// <summary>Maps an answer; <paramref name="rateLimitedUntil"/> is asked only for a 429.</summary>
    public static RegistrationOutcome ToOutcome(int status, IntegrationSettingsResponse? body, Func<DateTimeOffset> rateLimitedUntil)
    {
        var requestId = body?.RequestId;
        var errors = body?.Errors;
        return status switch
        {
            >= 200 and < 300 => body is not null && body.TryGetIntegrationId(out var id)
                ? new Registered(id, requestId)
                : Unavailable.SuccessWithoutUsableId(status, hasId: body?.IntegrationId is not null, requestId, errors),
            400 => new Rejected(requestId, errors),
            401 or 403 => new Unauthorized(status, requestId, errors),
            409 => new AlreadyRegistered(requestId, errors),
            429 => new RateLimited(rateLimitedUntil(), requestId, errors),
            _ => Unavailable.HttpStatus(status, requestId, errors),
        };
    }

    /// <summary>Whether an answer with this status is retried within the call (decided by the outcome it becomes).</summary>
    public static bool IsTransient(int status) => ToOutcome(status, null, static () => DateTimeOffset.MinValue).IsTransient;
}
