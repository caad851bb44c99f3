using Microsoft.Extensions.Logging;

namespace GongOperator.LocalCluster;

/// <summary>Log messages of the embedded API server.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "{Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "embedded API server listening on {Address}, state in {StateDir}")]
    public static partial void Listening(ILogger logger, Uri address, string stateDir);
}
