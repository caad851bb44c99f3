using GongOperator.Kubernetes.Controllers;
using Microsoft.Extensions.Logging;

namespace GongOperator.OAuth;

/// <summary>The OAuth authorizations' log messages: they name the seed Secret, never a token or a client secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "OAuth authorization {Seed}: state taken from its seed Secret (first use: {FirstUse})")]
    public static partial void Reseeded(ILogger logger, ObjectKey seed, bool firstUse);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "OAuth authorization {Seed}: refreshed; the new access token lives {Lifetime}")]
    public static partial void Refreshed(ILogger logger, ObjectKey seed, TimeSpan lifetime);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "OAuth authorization {Seed}: Gong refused its refresh token ({Because}); a person must re-authorize the app and put the new refresh token into the seed Secret")]
    public static partial void Revoked(ILogger logger, ObjectKey seed, string because);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "OAuth authorization {Seed}: saving its state failed ({Error}); retrying from memory")]
    public static partial void SaveFailed(ILogger logger, ObjectKey seed, string error);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Warning, Message = "OAuth authorization {Seed}: the refresh claimed by {Holder} at {Since:O} was never saved; trying the stored refresh token")]
    public static partial void ClaimExpired(ILogger logger, ObjectKey seed, string holder, DateTimeOffset since);

    [LoggerMessage(EventId = 2305, Level = LogLevel.Warning, Message = "OAuth authorization {Seed}: the token endpoint failed ({Reason}); no refresh before {Until:O}")]
    public static partial void RefreshHeldBack(ILogger logger, ObjectKey seed, string reason, DateTimeOffset until);
}
