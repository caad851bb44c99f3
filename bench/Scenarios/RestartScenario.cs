using GongOperator.Bench.Report;

namespace GongOperator.Bench.Scenarios;

/// <summary>The operator stopped with SIGTERM and started again over N Ready origins: it must not call Gong.</summary>
internal static class RestartScenario
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    public static async Task<RestartResult> RunAsync(RunContext run, int readyOrigins, CancellationToken cancellationToken)
    {
        await run.Admin.ClearCallsAsync(cancellationToken).ConfigureAwait(false);
        var old = run.RunningOperator;
        await old.StopAsync(StopGrace).ConfigureAwait(false);
        await old.DisposeAsync().ConfigureAwait(false);
        run.Operator = null;

        var ready = await run.StartOperatorAsync(cancellationToken).ConfigureAwait(false);
        var settled = await run.RunningOperator.WaitSettledAsync(readyOrigins, run.Options.Timeout, cancellationToken).ConfigureAwait(false);
        var metrics = await run.RunningOperator.ScrapeAsync(cancellationToken).ConfigureAwait(false);
        var calls = await run.Admin.GetCallsAsync(cancellationToken).ConfigureAwait(false);
        return new RestartResult(
            ready.TotalSeconds,
            settled.TotalSeconds,
            calls.Count,
            metrics.Sum(Metrics.OperatorMetricNames.ReconcileTotal),
            Stats.Mb(run.RunningOperator.Read().RssBytes));
    }
}
