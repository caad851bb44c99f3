using GongOperator.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace GongOperator.Hosting;

/// <summary>The operator's console logging: JSON lines (default) or single-line text, at the configured level.</summary>
internal static class OperatorLogging
{
    /// <summary>Creates the logger factory for <paramref name="options"/>.</summary>
    public static ILoggerFactory Create(OperatorOptions options) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(Enum.Parse<LogLevel>(options.LogLevel));

        // The HTTP client factory's own request logging puts raw headers into structured state (see the Gong client README).
        builder.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (options.LogFormat == "text")
        {
            builder.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            builder.AddJsonConsole(o =>
            {
                // Each reconcile's lines carry its scope: controller, object and reconcile id.
                o.IncludeScopes = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }

        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    });
}
