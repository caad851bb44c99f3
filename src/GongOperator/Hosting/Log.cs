using Microsoft.Extensions.Logging;

namespace GongOperator.Hosting;

/// <summary>The host's log messages (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Operator started: watching {Namespaces} with {Workers} workers, leader election {LeaderElect}")]
    private static partial void Started(ILogger logger, string namespaces, int workers, bool leaderElect);

    public static void Started(ILogger logger, IReadOnlyList<string> namespaces, int workers, bool leaderElect) =>
        Started(logger, namespaces.Count == 0 ? "all namespaces" : "namespaces " + string.Join(", ", namespaces), workers, leaderElect);
}
