using System.Diagnostics;
using GongOperator.Bench.Gong;
using GongOperator.Bench.Report;

namespace GongOperator.Bench.Scenarios;

/// <summary>
/// The simulator answers every call 429 (with the storm's Retry-After) for a while, as new origins, one per company,
/// arrive: no company may be called again inside a Retry-After, and all must be Ready soon after the storm ends.
/// </summary>
internal static class StormScenario
{
    public const string Prefix = "storm";

    public static async Task<StormResult> RunAsync(RunContext run, CancellationToken cancellationToken)
    {
        var options = run.Options;
        var count = options.Companies;
        var keys = run.Keys(Prefix, count);
        await run.Admin.ClearCallsAsync(cancellationToken).ConfigureAwait(false);
        await run.Admin.StartStormAsync(options.StormSeconds, options.StormRetryAfterSeconds, cancellationToken).ConfigureAwait(false);
        var start = Stopwatch.GetTimestamp();
        await run.Fleet.CreateOriginsAsync(Prefix, count, options.CreateConcurrency, cancellationToken).ConfigureAwait(false);
        await run.WaitAllReadyAsync(keys, "429 storm", cancellationToken).ConfigureAwait(false);
        var total = run.ReadyTimes(keys, start)[^1];
        var calls = await run.Admin.GetCallsAsync(cancellationToken).ConfigureAwait(false);
        return new StormResult(
            count,
            options.StormSeconds,
            options.StormRetryAfterSeconds,
            calls.Count(c => c.Status == 429),
            calls.Count,
            RetryAfterAudit.CallsInsideRetryAfter(calls),
            total - options.StormSeconds,
            total);
    }
}
