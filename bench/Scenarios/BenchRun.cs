using System.Globalization;
using GongOperator.Bench.Cli;
using GongOperator.Bench.Gong;
using GongOperator.Bench.Hosting;
using GongOperator.Bench.Kube;
using GongOperator.Bench.Report;
using k8s;

namespace GongOperator.Bench.Scenarios;

/// <summary>
/// One run on fresh processes: the embedded API server and the simulator are started, the CRD, namespaces and
/// Secrets written, then the operator is started and the scenarios follow in order (idle footprint, burst, footprint
/// at N, restart, latency, 429 storm), and last the naive baseline against the same simulator.
/// </summary>
internal static class BenchRun
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    public static async Task<RunResult> RunAsync(BenchOptions options, int index, TextWriter progress, CancellationToken cancellationToken)
    {
        var logs = Path.Combine(options.OutputDirectory, "logs", $"{options.ReportStem}-run{index.ToString(CultureInfo.InvariantCulture)}");
        if (Directory.Exists(logs))
        {
            Directory.Delete(logs, recursive: true);
        }

        Directory.CreateDirectory(logs);
        var state = Path.Combine(Path.GetTempPath(), "gong-operator-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            return await RunInAsync(options, index, logs, state, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(state))
            {
                Directory.Delete(state, recursive: true);
            }
        }
    }

    private static async Task<RunResult> RunInAsync(BenchOptions options, int index, string logs, string state, TextWriter progress, CancellationToken cancellationToken)
    {
        var companies = BenchCompany.Many(options.Companies);
        string[] apiArguments = options.InMemoryApiServer ? ["apiserver"] : ["apiserver", "--state-dir", Path.Combine(state, "kube")];
        string[] simulatorArguments =
        [
            "simulator", "--quiet", "--rate-per-second", options.RatePerSecond.ToString(CultureInfo.InvariantCulture),
            .. companies.SelectMany(c => new[] { "--company", c.SimulatorArgument }),
        ];

        // Both start at once: they do not depend on each other, and each spends its first seconds in the JIT.
        await using var apiServer = ChildProcess.Start("apiserver", options.OperatorExecutable, apiArguments, Path.Combine(logs, "apiserver.log"));
        await using var simulator = ChildProcess.Start("simulator", options.OperatorExecutable, simulatorArguments, Path.Combine(logs, "simulator.log"));
        var apiReady = apiServer.WaitForLineAsync("ready ", options.Timeout, cancellationToken);
        var simulatorReady = simulator.WaitForLineAsync("ready ", options.Timeout, cancellationToken);
        await Task.WhenAll(apiReady, simulatorReady).ConfigureAwait(false);
        var kubeconfig = Field(await apiReady.ConfigureAwait(false), "kubeconfig=");
        var gong = new Uri((await simulatorReady.ConfigureAwait(false)).Split(' ')[1].TrimEnd('/') + "/");

        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var fleet = new Fleet(client, companies);
        await fleet.InstallCrdAsync(options.OperatorExecutable, options.Timeout, cancellationToken).ConfigureAwait(false);
        await fleet.CreateCompaniesAsync(cancellationToken).ConfigureAwait(false);
        await using var tracker = await ReadyTracker.StartAsync(client, cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var run = new RunContext(options, logs, apiServer, simulator, client, fleet, tracker, new SimulatorAdmin(http, gong), http) { Kubeconfig = kubeconfig };
        try
        {
            Say(progress, index, "starting the operator");
            var started = await run.StartOperatorAsync(cancellationToken).ConfigureAwait(false);
            var idle = await FootprintScenario.ReadIdleAsync(run, started, cancellationToken).ConfigureAwait(false);

            Say(progress, index, $"burst: {options.Origins} origins over {options.Companies} companies");
            var (burst, _) = await BurstScenario.RunAsync(run, cancellationToken).ConfigureAwait(false);
            Say(progress, index, $"burst: all Ready in {MarkdownTable.Format(burst.Seconds)} s with {burst.GongCalls} Gong calls");

            Say(progress, index, "footprint at N: LIST and writes");
            var footprint = await FootprintScenario.ReadAtNAsync(run, idle, burst, cancellationToken).ConfigureAwait(false);

            Say(progress, index, $"restart over {options.Origins} Ready origins");
            var restart = await RestartScenario.RunAsync(run, options.Origins, cancellationToken).ConfigureAwait(false);

            Say(progress, index, $"latency: {options.LatencySamples} single origins");
            var latency = await LatencyScenario.RunAsync(run, cancellationToken).ConfigureAwait(false);

            Say(progress, index, $"429 storm: {options.StormSeconds} s, Retry-After {options.StormRetryAfterSeconds} s");
            var storm = await StormScenario.RunAsync(run, cancellationToken).ConfigureAwait(false);

            await run.RunningOperator.StopAsync(StopGrace).ConfigureAwait(false);
            Say(progress, index, $"naive baseline: {options.Origins} origins, one POST each, twice");
            var baseline = await BaselineScenario.RunAsync(run, burst, cancellationToken).ConfigureAwait(false);
            return new RunResult(index, burst, footprint, restart, latency, storm, baseline);
        }
        finally
        {
            if (run.Operator is { } running)
            {
                await running.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The value of <c>NAME=VALUE</c> in a ready line.</summary>
    private static string Field(string line, string name) =>
        line.Split(' ').FirstOrDefault(p => p.StartsWith(name, StringComparison.Ordinal))?[name.Length..]
            ?? throw new BenchFailedException($"the ready line '{line}' has no {name}");

    private static void Say(TextWriter progress, int index, string message) =>
        progress.WriteLine($"[{DateTime.Now:HH:mm:ss}] run {index.ToString(CultureInfo.InvariantCulture)}: {message}");
}
