using System.Diagnostics;
using GongOperator.Bench.Cli;
using GongOperator.Bench.Gong;
using GongOperator.Bench.Hosting;
using GongOperator.Bench.Kube;
using k8s;

namespace GongOperator.Bench.Scenarios;

/// <summary>The processes and clients of one run, shared by its scenarios in order.</summary>
internal sealed class RunContext(
    BenchOptions options,
    string logDirectory,
    ChildProcess apiServer,
    ChildProcess simulator,
    IKubernetes client,
    Fleet fleet,
    ReadyTracker tracker,
    SimulatorAdmin admin,
    HttpClient http)
{
    public BenchOptions Options => options;

    public string LogDirectory => logDirectory;

    public ChildProcess ApiServer => apiServer;

    public ChildProcess Simulator => simulator;

    public IKubernetes Client => client;

    public Fleet Fleet => fleet;

    public ReadyTracker Tracker => tracker;

    public SimulatorAdmin Admin => admin;

    public HttpClient Http => http;

    public string Kubeconfig { get; init; } = "";

    /// <summary>The operator now running (replaced by the restart scenario).</summary>
    public OperatorProcess? Operator { get; set; }

    public OperatorProcess RunningOperator => Operator ?? throw new InvalidOperationException("the operator is not running");

    /// <summary>Starts the operator and waits for /readyz; returns the time it took.</summary>
    public async Task<TimeSpan> StartOperatorAsync(CancellationToken cancellationToken)
    {
        Operator = OperatorProcess.Start(options, Kubeconfig, admin.BaseAddress, Path.Combine(logDirectory, "operator.log"));
        return await Operator.WaitReadyAsync(options.Timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The keys ("namespace/name") of origins 0..count-1 of a scenario.</summary>
    public IReadOnlyList<string> Keys(string prefix, int count) => Enumerable.Range(0, count).Select(i => fleet.OriginKey(prefix, i)).ToList();

    /// <summary>Waits until every key is Ready, or fails the run with how many were.</summary>
    public async Task WaitAllReadyAsync(IReadOnlyList<string> keys, string what, CancellationToken cancellationToken)
    {
        if (!await tracker.WaitAllAsync(keys, options.Timeout, cancellationToken).ConfigureAwait(false))
        {
            throw new BenchFailedException($"{what}: only {tracker.CountReady(keys)} of {keys.Count} origins Ready within {options.Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Seconds from <paramref name="start"/> (a Stopwatch timestamp) at which each key turned Ready, ascending.</summary>
    public IReadOnlyList<double> ReadyTimes(IReadOnlyList<string> keys, long start) =>
        keys.Select(k => (tracker.ReadyAsync(k).Result - start) / (double)Stopwatch.Frequency).Order().ToList();
}
