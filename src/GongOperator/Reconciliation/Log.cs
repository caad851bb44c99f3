using GongOperator.Kubernetes.Controllers;
using Microsoft.Extensions.Logging;

namespace GongOperator.Reconciliation;

/// <summary>The reconciler's log messages (source-generated). Never a secret value in any of them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "Planned {Key}: {Plan}")]
    public static partial void Planned(ILogger logger, ObjectKey key, RegistrationPlan plan);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Registering {Key}: {Origin} for {IntegrationType} ({Cause})")]
    public static partial void Registering(ILogger logger, ObjectKey key, string origin, string integrationType, RegistrationCause cause);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Gong answered {Key}: {Outcome} (requestId {RequestId})")]
    public static partial void Outcome(ILogger logger, ObjectKey key, string outcome, string? requestId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Deleted {Namespace}/{Name}: Gong keeps {Origin}; the operator no longer manages it")]
    public static partial void StoppedManaging(ILogger logger, string? @namespace, string? name, string? origin);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Deleted {Namespace}/{Name}: {Origin} was never registered with Gong; the operator no longer manages it")]
    public static partial void StoppedManagingNeverRegistered(ILogger logger, string? @namespace, string? name, string? origin);
}
