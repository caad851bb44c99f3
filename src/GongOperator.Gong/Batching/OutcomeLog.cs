using Microsoft.Extensions.Logging;

namespace GongOperator.Gong.Batching;

/// <summary>The log line for Gong's answer to one call, per outcome type.</summary>
internal static class OutcomeLog
{
    public static void Write(ILogger logger, string company, RegistrationCall call, RegistrationOutcome outcome)
    {
        var errors = string.Join("; ", outcome.Errors);
        switch (outcome)
        {
            case Registered registered:
                Log.Registered(logger, company, call.Answers.Count, registered.IntegrationId, outcome.RequestId);
                break;
            case AlreadyRegistered:
                Log.AlreadyRegistered(logger, company, call.Answers[0].IntegrationType, call.Answers[0].AllowedOrigin, outcome.RequestId);
                break;
            case Rejected:
                Log.Rejected(logger, company, call.Answers.Count, call.Answers[0].IntegrationType, call.Answers[0].AllowedOrigin, errors, outcome.RequestId);
                break;
            case Unauthorized unauthorized:
                Log.Unauthorized(logger, company, unauthorized.StatusCode, outcome.RequestId);
                break;
            case RateLimited limited:
                Log.CompanyClosed(logger, company, call.Answers.Count, limited.Until);
                break;
            case QuotaExhausted exhausted:
                Log.QuotaExhausted(logger, company, call.Answers.Count, exhausted.Until);
                break;
            case Unavailable unavailable:
                Log.Unavailable(logger, company, call.Answers.Count, unavailable.Reason, outcome.RequestId);
                break;
            default:
                // An outcome without a line of its own is still logged, so a new one is never silent.
                Log.Answered(logger, company, call.Answers.Count, outcome.GetType().Name, outcome.RequestId);
                break;
        }
    }
}
