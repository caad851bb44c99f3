using System.Xml.Linq;
using GongOperator.Bench.Report;

namespace GongOperator.Bench.Tests;

/// <summary>
/// The CI smoke run of the benchmark: the real program at a small N, with the API server, the simulator and the
/// operator as separate processes of the gong-operator built with it. It proves the report a user reads is complete
/// and that its invariants hold.
/// </summary>
public sealed class BenchSmokeTests
{
    private const int Origins = 20;
    private const int Companies = 2;
    private const int LatencySamples = 10;

    [Fact]
    public async Task A_small_run_reports_every_scenario_and_its_invariants_hold()
    {
        var output = Directory.CreateTempSubdirectory("gong-operator-bench-smoke-").FullName;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        try
        {
            var code = await BenchProgram.RunAsync(
                [
                    "--origins", $"{Origins}", "--companies", $"{Companies}", "--runs", "1",
                    "--latency-samples", $"{LatencySamples}", "--storm-seconds", "2", "--storm-retry-after", "1",
                    // A faster Gong than the default 3/s keeps the naive baseline and the latency pacing short; the
                    // invariants do not depend on the rate.
                    "--rate-per-second", "10",
                    "--writes", "20", "--idle-settle", "0", "--timeout", "60", "--output", output, "--name", "smoke",
                ],
                stdout,
                stderr);

            Assert.True(code == 0, $"the bench exited with {code}\n{stdout}\n{stderr}");
            var report = ReportWriter.Read(Path.Combine(output, "smoke.json"));
            Assert.Null(report.Failure);
            Assert.All(report.Invariants, i => Assert.True(i.Holds, $"{i.Name}: {i.Detail}"));
            var run = Assert.Single(report.Runs);

            // Burst: every origin Ready, batched (at least one call per company, never one per origin).
            Assert.Equal(Origins, run.Burst.ReadyAt.Count);
            Assert.InRange(run.Burst.GongCalls, Companies, Origins - 1);
            Assert.True(run.Burst.Seconds > 0 && run.Burst.FloorSeconds > 0);

            // Restart: all N reconciled again, and not one Gong call.
            Assert.Equal(0, run.Restart.GongCalls);
            Assert.True(run.Restart.Reconciles >= Origins, $"the restarted operator reconciled {run.Restart.Reconciles} of {Origins}");

            Assert.Equal(LatencySamples, run.Latency.Samples);
            Assert.True(run.Latency.P50Ms > 0 && run.Latency.P99Ms >= run.Latency.P50Ms);

            // The storm was felt (429s answered) and obeyed.
            Assert.True(run.Storm.RateLimited > 0, "the operator met no 429 during the storm");
            Assert.Equal(0, run.Storm.CallsInsideRetryAfter);

            Assert.True(run.Footprint.OperatorIdleRssMb > 0 && run.Footprint.OperatorRssAtNMb > 0 && run.Footprint.ApiServerRssAtNMb > 0);
            Assert.True(run.Footprint.OperatorIdleHeapMb > 0, "no managed heap figure in the operator's /metrics");

            // The naive baseline spends one quota call per origin, and again on a restart.
            Assert.Equal(Origins, run.Baseline.BurstQuotaCalls);
            Assert.Equal(Origins, run.Baseline.RestartQuotaCalls);
            Assert.True(run.Baseline.QuotaRatio > 1);

            var svg = XDocument.Load(Path.Combine(output, "smoke.svg"));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.Contains("| burst | time to all Ready (s) |", await File.ReadAllTextAsync(Path.Combine(output, "smoke.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task A_bad_flag_is_one_line_and_exit_code_2()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await BenchProgram.RunAsync(["--origins", "0"], stdout, stderr);

        Assert.Equal(2, code);
        Assert.Equal("gong-operator-bench: --origins must be at least 1 (see --help)", stderr.ToString().Trim());
    }
}
