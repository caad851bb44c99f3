using GongOperator.Bench.Gong;
using GongOperator.Bench.Report;

namespace GongOperator.Bench.Scenarios;

/// <summary>
/// The naive client against the same simulator (reset first, the operator stopped): N origins once (the burst), then
/// the same N again (what a restart costs without a registered-already check).
/// </summary>
internal static class BaselineScenario
{
    public const string Prefix = "naive";

    public static async Task<BaselineResult> RunAsync(RunContext run, BurstResult operatorBurst, CancellationToken cancellationToken)
    {
        var options = run.Options;
        await run.Admin.ResetAsync(cancellationToken).ConfigureAwait(false);
        var naive = new NaiveClient(run.Http, run.Admin.BaseAddress, run.Fleet.Companies, options.Workers);
        var burst = await naive.RunAsync(Prefix, options.Origins, options.Timeout, cancellationToken).ConfigureAwait(false);
        var restart = await naive.RunAsync(Prefix, options.Origins, options.Timeout, cancellationToken).ConfigureAwait(false);
        var perCompany = (options.Origins + options.Companies - 1) / options.Companies;
        var operatorQuotaCalls = operatorBurst.GongCalls - operatorBurst.RateLimited;
        return new BaselineResult(
            burst.Seconds,
            burst.Calls,
            burst.RateLimited,
            burst.Calls - burst.RateLimited,
            perCompany / (double)options.RatePerSecond,
            restart.Seconds,
            restart.Calls - restart.RateLimited,
            operatorQuotaCalls > 0 ? (burst.Calls - burst.RateLimited) / (double)operatorQuotaCalls : double.NaN,
            burst.DoneAt);
    }
}
