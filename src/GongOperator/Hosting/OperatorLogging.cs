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
        var minimum = Enum.Parse<LogLevel>(options.LogLevel);
        builder.SetMinimumLevel(minimum);

        // The resilience pipeline logs every Gong call ("Execution attempt") at Information: per-call detail, so it is
        // shown from debug on; its retries and breaker events are warnings and always shown.
        builder.AddFilter("Polly", level => level >= minimum && (level >= LogLevel.Warning || minimum <= LogLevel.Debug));

        // The embedded API server's and the simulator's Kestrel hosts announce themselves ("Application started.
        // Press Ctrl+C"); the ready line already says what listens where.
        builder.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);

        // Every host the operator starts (embedded API server, simulator, probe servers) rethrows a failed start or stop
        // and its caller prints that as one line (a taken --port); the generic host's own log of the same failure would
        // put the whole Kestrel stack before it.
        builder.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);

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
