using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GongOperator.LocalCluster;

/// <summary>Log messages of the embedded API server; EventIds 8001-8999 belong to this assembly.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Information, Message = "embedded API server listening on {Address}, state in {StateDir}")]
    public static partial void Listening(ILogger logger, Uri address, string stateDir);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Debug, Message = "{Method} {Path}: 503, its CRD's storage is being swapped (user agent {UserAgent})")]
    public static partial void StorageSwapRefused(ILogger logger, string method, PathString path, string userAgent);
}
