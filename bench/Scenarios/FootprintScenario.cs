using System.Diagnostics;
using GongOperator.Bench.Hosting;
using GongOperator.Bench.Metrics;
using GongOperator.Bench.Report;

namespace GongOperator.Bench.Scenarios;

/// <summary>Memory of the operator and the API server, idle and at N, and the API server's list time and write rate at N.</summary>
internal static class FootprintScenario
{
    /// <summary>Memory with no origins, once the operator has been left alone for the idle settle.</summary>
    public static async Task<Idle> ReadIdleAsync(RunContext run, TimeSpan startSeconds, CancellationToken cancellationToken)
    {
        await Task.Delay(run.Options.IdleSettle, cancellationToken).ConfigureAwait(false);
        var metrics = await run.RunningOperator.ScrapeAsync(cancellationToken).ConfigureAwait(false);
        return new Idle(
            startSeconds.TotalSeconds,
            Stats.Mb(run.RunningOperator.Read().RssBytes),
            Stats.Mb(metrics.Sum(OperatorMetricNames.ManagedHeap)),
            Stats.Mb(ProcessReading.Of(run.ApiServer.Pid).RssBytes));
    }

    /// <summary>Memory at N with the burst settled; then the API server's list time and write throughput.</summary>
    public static async Task<FootprintResult> ReadAtNAsync(RunContext run, Idle idle, BurstResult burst, CancellationToken cancellationToken)
    {
        var metrics = await run.RunningOperator.ScrapeAsync(cancellationToken).ConfigureAwait(false);
        var operatorRss = Stats.Mb(run.RunningOperator.Read().RssBytes);
        var apiServerRss = Stats.Mb(ProcessReading.Of(run.ApiServer.Pid).RssBytes);

        var lists = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var listed = await run.Fleet.ListOriginsAsync(cancellationToken).ConfigureAwait(false);
            lists.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (listed < run.Options.Origins)
            {
                throw new BenchFailedException($"a LIST of all origins returned {listed}, fewer than the {run.Options.Origins} created");
            }
        }

        var writesStarted = Stopwatch.GetTimestamp();
        await run.Fleet.WriteConfigMapsAsync("write", run.Options.Writes, run.Options.CreateConcurrency, cancellationToken).ConfigureAwait(false);
        var writesPerSecond = run.Options.Writes / Stopwatch.GetElapsedTime(writesStarted).TotalSeconds;

        return new FootprintResult(
            idle.OperatorStartSeconds,
            idle.OperatorRssMb,
            idle.OperatorHeapMb,
            operatorRss,
            Stats.Mb(metrics.Sum(OperatorMetricNames.ManagedHeap)),
            burst.Reconciles > 0 ? burst.OperatorCpuSeconds / burst.Reconciles * 1000 : double.NaN,
            idle.ApiServerRssMb,
            apiServerRss,
            Stats.Median(lists),
            writesPerSecond);
    }

    /// <summary>The idle readings, kept until the figures at N are in.</summary>
    internal sealed record Idle(double OperatorStartSeconds, double OperatorRssMb, double OperatorHeapMb, double ApiServerRssMb);
}
