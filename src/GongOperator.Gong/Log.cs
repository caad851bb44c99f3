using Microsoft.Extensions.Logging;

namespace GongOperator.Gong;

/// <summary>
/// Every log line of the Gong client. Companies appear by their non-secret label (host and credential identity
/// prefix); no parameter here ever takes a secret, a token or an Authorization header.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Calling Gong for {Company} with {OriginCount} origin(s)")]
    public static partial void CallSending(ILogger logger, string company, int originCount);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Gong registered {OriginCount} origin(s) for {Company} as integration {IntegrationId} (request {RequestId})")]
    public static partial void Registered(ILogger logger, string company, int originCount, long integrationId, string? requestId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Gong already has {IntegrationType} {Origin} for {Company} (request {RequestId})")]
    public static partial void AlreadyRegistered(ILogger logger, string company, string integrationType, string origin, string? requestId);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Gong rejected {OriginCount} origin(s) for {Company}, first {IntegrationType} {Origin}: {Errors} (request {RequestId})")]
    public static partial void Rejected(ILogger logger, string company, int originCount, string integrationType, string origin, string errors, string? requestId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Gong refused the credentials of {Company} with HTTP {StatusCode} (request {RequestId})")]
    public static partial void Unauthorized(ILogger logger, string company, int statusCode, string? requestId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Gong answered 429 for {Company}: no call to it before {Until:O} (request {RequestId})")]
    public static partial void RateLimitedByGong(ILogger logger, string company, DateTimeOffset until, string? requestId);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "{OriginCount} origin(s) for {Company} wait: the company is closed by a 429 until {Until:O}")]
    public static partial void CompanyClosed(ILogger logger, string company, int originCount, DateTimeOffset until);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "{OriginCount} origin(s) for {Company} wait: the daily quota is spent until {Until:O}")]
    public static partial void QuotaExhausted(ILogger logger, string company, int originCount, DateTimeOffset until);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Gong is unavailable for {Company} ({Reason}); {OriginCount} origin(s) not registered (request {RequestId})")]
    public static partial void Unavailable(ILogger logger, string company, int originCount, string reason, string? requestId);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Gong refused a call of {OriginCount} origins for {Company} as a whole ({Outcome}); splitting it into {PartCount} calls to find the origins it objects to")]
    public static partial void SplittingRefusedCall(ILogger logger, string company, string outcome, int originCount, int partCount);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "The Gong client's worker for {Company} failed; its waiting registrations are answered Unavailable")]
    public static partial void WorkerFailed(ILogger logger, string company, Exception exception);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Gong answered {OriginCount} origin(s) for {Company}: {Outcome} (request {RequestId})")]
    public static partial void Answered(ILogger logger, string company, int originCount, string outcome, string? requestId);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "The fullSet of {Company} holds {Size} origins, more than the {MaxSetSize} one call may carry: no call is made")]
    public static partial void SetTooLarge(ILogger logger, string company, int size, int maxSetSize);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning, Message = "The fullSet of {Company} spans origins of {CredentialSets} different credentials (Secrets with one access key id and different secrets): no call is made")]
    public static partial void SetCredentialsDiffer(ILogger logger, string company, int credentialSets);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Information, Message = "Gong's token endpoint at {Host} answered a refresh for client {ClientId}: granted {Granted}, failure {Failure}")]
    public static partial void TokenRefreshAnswered(ILogger logger, string host, string clientId, bool granted, string? failure);
}
