using Microsoft.Extensions.Logging;

namespace GongOperator.GongSimulator;

/// <summary>The simulator's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Gong simulator serving on {BaseAddress}")]
    public static partial void Serving(ILogger logger, Uri baseAddress);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information,
        Message = "Call {Sequence}: company {Company}, auth {AuthKind}, {ItemCount} item(s), answered {Status} (fault {Fault}), requestId {RequestId}")]
    public static partial void Call(ILogger logger, long sequence, string? company, SimulatedAuthKind authKind, int itemCount, int status, string? fault, string requestId);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "A call observer threw; the simulator goes on")]
    public static partial void ObserverFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Information, Message = "Admin: {Action}")]
    public static partial void Admin(ILogger logger, string action);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "Token endpoint: answered {Status} (error {Error})")]
    public static partial void TokenCall(ILogger logger, int status, string? error);
}
