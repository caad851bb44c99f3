using System.Diagnostics;
using GongOperator.Bench.Gong;
using GongOperator.Bench.Metrics;
using GongOperator.Bench.Report;

namespace GongOperator.Bench.Scenarios;

/// <summary>N origins over M companies created at once; measured until all are Ready and the operator has settled.</summary>
internal static class BurstScenario
{
    public const string Prefix = "burst";

    public static async Task<(BurstResult Result, CpuSnapshot Cpu)> RunAsync(RunContext run, CancellationToken cancellationToken)
    {
        var options = run.Options;
        var keys = run.Keys(Prefix, options.Origins);
        await run.Admin.ClearCallsAsync(cancellationToken).ConfigureAwait(false);
        var before = await run.RunningOperator.ScrapeAsync(cancellationToken).ConfigureAwait(false);
        var modifiedBefore = run.Tracker.Modified;
        var cpuBefore = CpuSnapshot.Take(run);

        var start = Stopwatch.GetTimestamp();
        await run.Fleet.CreateOriginsAsync(Prefix, options.Origins, options.CreateConcurrency, cancellationToken).ConfigureAwait(false);
        var applySeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await run.WaitAllReadyAsync(keys, "burst", cancellationToken).ConfigureAwait(false);
        var readyAt = run.ReadyTimes(keys, start);

        await run.RunningOperator.WaitSettledAsync(before.Sum(OperatorMetricNames.ReconcileTotal) + options.Origins, options.Timeout, cancellationToken).ConfigureAwait(false);
        var settledSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var cpu = CpuSnapshot.Take(run) - cpuBefore;
        var after = await run.RunningOperator.ScrapeAsync(cancellationToken).ConfigureAwait(false);
        var calls = await run.Admin.GetCallsAsync(cancellationToken).ConfigureAwait(false);
        var eventWrites = await run.Fleet.CountEventWritesAsync(Prefix, cancellationToken).ConfigureAwait(false);

        var seconds = readyAt[^1];
        var floor = Floor(options.Origins, options.Companies, options.BatchSize, options.RatePerSecond);
        var result = new BurstResult(
            options.Origins,
            options.Companies,
            seconds,
            applySeconds,
            calls.Count,
            calls.Count / (double)options.Origins,
            floor,
            seconds / floor,
            RetryAfterAudit.CallsInsideRetryAfter(calls),
            calls.Count(c => c.Status == 429),
            Delta(before, after, OperatorMetricNames.ReconcileTotal),
            (run.Tracker.Modified - modifiedBefore) / (double)options.Origins,
            eventWrites / (double)options.Origins,
            MeanMs(before, after, OperatorMetricNames.ReconcileTimeSum, OperatorMetricNames.ReconcileTimeCount),
            MeanMs(before, after, OperatorMetricNames.QueueWaitSum, OperatorMetricNames.QueueWaitCount),
            cpu.Operator,
            cpu.ApiServer,
            cpu.Simulator,
            cpu.Bench,
            settledSeconds,
            readyAt);
        return (result, cpu);
    }

    /// <summary>Seconds the rate limit needs for ⌈⌈N/M⌉ / batch⌉ calls to the busiest company: each call costs 1/rate of a second.</summary>
    public static double Floor(int origins, int companies, int batchSize, int ratePerSecond)
    {
        var perCompany = (origins + companies - 1) / companies;
        var calls = (perCompany + batchSize - 1) / batchSize;
        return calls / (double)ratePerSecond;
    }

    private static double Delta(PrometheusSnapshot before, PrometheusSnapshot after, string name) => after.Sum(name) - before.Sum(name);

    private static double MeanMs(PrometheusSnapshot before, PrometheusSnapshot after, string sum, string count)
    {
        var n = Delta(before, after, count);
        return n > 0 ? Delta(before, after, sum) / n * 1000 : double.NaN;
    }
}
