using Microsoft.Extensions.Logging;

namespace GongOperator.Hosting;

/// <summary>The host's log messages (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Operator started: watching namespaces {Namespaces} (none listed: all) with {Workers} workers, leader election {LeaderElect}")]
    public static partial void Started(ILogger logger, IReadOnlyList<string> namespaces, int workers, bool leaderElect);
}
