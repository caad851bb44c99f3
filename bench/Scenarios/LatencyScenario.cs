using System.Diagnostics;
using GongOperator.Bench.Gong;
using GongOperator.Bench.Hosting;
using GongOperator.Bench.Report;

namespace GongOperator.Bench.Scenarios;

/// <summary>
/// Single origins applied one after another on an idle operator, each timed from its create request to Ready seen on
/// the watch (what <c>kubectl wait</c> sees). Origins go round the companies, and a company gets its next origin only
/// once the rate limit would let its call through at once, so the figure is the operator's latency, not Gong's pace.
/// </summary>
internal static class LatencyScenario
{
    public const string Prefix = "lat";

    public static async Task<LatencyResult> RunAsync(RunContext run, CancellationToken cancellationToken)
    {
        var options = run.Options;
        var spacing = TimeSpan.FromSeconds(1.0 / options.RatePerSecond);
        var lastUsed = new Dictionary<string, long>(StringComparer.Ordinal);
        var samples = new List<double>(options.LatencySamples);
        for (var i = 0; i < options.LatencySamples; i++)
        {
            var company = BenchCompany.For(run.Fleet.Companies, i).Name;
            if (lastUsed.TryGetValue(company, out var last) && Stopwatch.GetElapsedTime(last) < spacing)
            {
                await Task.Delay(spacing - Stopwatch.GetElapsedTime(last), cancellationToken).ConfigureAwait(false);
            }

            var key = run.Fleet.OriginKey(Prefix, i);
            var started = Stopwatch.GetTimestamp();
            await run.Fleet.CreateOriginAsync(Prefix, i, cancellationToken).ConfigureAwait(false);
            var ready = run.Tracker.ReadyAsync(key);
            if (await Task.WhenAny(ready, Task.Delay(options.Timeout, cancellationToken)).ConfigureAwait(false) != ready)
            {
                throw new BenchFailedException($"latency: {key} was not Ready within {options.Timeout.TotalSeconds:0} s");
            }

            var readyAt = await ready.ConfigureAwait(false);
            samples.Add((readyAt - started) * 1000.0 / Stopwatch.Frequency);
            lastUsed[company] = readyAt;
        }

        return new LatencyResult(samples.Count, Stats.Percentile(samples, 50), Stats.Percentile(samples, 99), samples.Average(), samples.Max(), samples);
    }
}
