using GongOperator.Bench.Cli;
using GongOperator.Bench.Hosting;
using GongOperator.Bench.Report;

namespace GongOperator.Bench.Scenarios;

/// <summary>Runs the bench K times, summarises, checks the invariants, writes the report and says how it went.</summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options, TextWriter stdout, TextWriter progress, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var machine = MachineInfo.Read();
        var runs = new List<RunResult>();
        string? failure = null;
        for (var i = 1; i <= options.Runs && failure is null; i++)
        {
            try
            {
                runs.Add(await BenchRun.RunAsync(options, i, progress, cancellationToken).ConfigureAwait(false));
            }
            catch (BenchFailedException e)
            {
                failure = $"run {i}: {e.Message}";
            }
        }

        machine.LoadAverageAtEnd = MachineInfo.LoadAverage();
        var report = new BenchReport(startedAt, machine, Settings(options), runs, Summarise(runs), Invariants(runs), failure);
        var (json, svg, markdown) = ReportWriter.Write(report, options.OutputDirectory, options.ReportStem);
        await stdout.WriteLineAsync(MarkdownTable.Render(report)).ConfigureAwait(false);
        await stdout.WriteLineAsync($"report: {json}\nchart: {svg}\ntable: {markdown}\nlogs: {Path.Combine(options.OutputDirectory, "logs")}").ConfigureAwait(false);
        return failure is not null ? BenchCommand.RunFailed : report.Passed ? 0 : BenchCommand.InvariantFailed;
    }

    private static Dictionary<string, SummaryStat> Summarise(List<RunResult> runs) =>
        runs.Count == 0
            ? []
            : ReportRows.All.ToDictionary(row => row.Key, row => SummaryStat.Of(runs.Select(row.Value).ToList()), StringComparer.Ordinal);

    private static List<InvariantResult> Invariants(List<RunResult> runs) =>
    [
        Check("a restart over N Ready origins makes no Gong call", runs, r => r.Restart.GongCalls),
        Check("no call inside a Retry-After during the 429 storm", runs, r => r.Storm.CallsInsideRetryAfter),
        Check("no call inside a Retry-After during the burst", runs, r => r.Burst.CallsInsideRetryAfter),
    ];

    private static InvariantResult Check(string name, List<RunResult> runs, Func<RunResult, int> count)
    {
        var counts = runs.Select(count).ToList();
        return new InvariantResult(name, runs.Count > 0 && counts.All(c => c == 0), runs.Count == 0 ? "no run finished" : $"per run: {string.Join(", ", counts)}");
    }

    private static ReportSettings Settings(BenchOptions o) => new(
        o.Origins, o.Companies, o.Runs, o.LatencySamples, o.RatePerSecond, o.BatchSize, o.Workers, o.CreateConcurrency,
        o.StormSeconds, o.StormRetryAfterSeconds, o.Writes, o.InMemoryApiServer, o.OperatorArguments);
}
