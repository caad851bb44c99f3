using System.Diagnostics;
using System.Globalization;
using GongOperator.Bench.Cli;
using GongOperator.Bench.Metrics;

namespace GongOperator.Bench.Hosting;

/// <summary><c>gong-operator run</c> as a child process, with its metrics and probe endpoints on loopback ports the bench picked.</summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _metrics;
    private readonly Uri _ready;

    private OperatorProcess(ChildProcess process, int metricsPort, int healthPort)
    {
        _process = process;
        _metrics = new Uri($"http://127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}/metrics");
        _ready = new Uri($"http://127.0.0.1:{healthPort.ToString(CultureInfo.InvariantCulture)}/readyz");
    }

    public int Pid => _process.Pid;

    public static OperatorProcess Start(BenchOptions options, string kubeconfig, Uri gong, string logPath)
    {
        var metricsPort = FreePort.Pick();
        var healthPort = FreePort.Pick();
        string[] arguments =
        [
            "run",
            "--kubeconfig", kubeconfig,
            "--gong-base-url", gong.ToString(),
            "--gong-rate-per-second", options.RatePerSecond.ToString(CultureInfo.InvariantCulture),
            "--gong-batch-size", options.BatchSize.ToString(CultureInfo.InvariantCulture),
            "--workers", options.Workers.ToString(CultureInfo.InvariantCulture),
            "--metrics-bind-address", $"127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}",
            "--health-probe-bind-address", $"127.0.0.1:{healthPort.ToString(CultureInfo.InvariantCulture)}",
            "--log-format", "text",
            "--log-level", "warn",
            .. options.OperatorArguments,
        ];
        return new OperatorProcess(ChildProcess.Start("operator", options.OperatorExecutable, arguments, logPath), metricsPort, healthPort);
    }

    /// <summary>Polls /readyz until it answers 200 (informers synced); returns the time since the process started.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Poll.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new BenchFailedException("the operator exited before it was ready (see operator.log)");
            }

            try
            {
                using var response = await _http.GetAsync(_ready, cancellationToken).ConfigureAwait(false);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // Not listening yet.
            }
        }, timeout, () => "the operator was not ready (see operator.log)", cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(_process.Started);
    }

    public async Task<PrometheusSnapshot> ScrapeAsync(CancellationToken cancellationToken) =>
        PrometheusSnapshot.Parse(await _http.GetStringAsync(_metrics, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Waits until the operator has reconciled at least <paramref name="reconciles"/> times and holds nothing queued or in
    /// work; returns the time since the process started.
    /// </summary>
    public async Task<TimeSpan> WaitSettledAsync(double reconciles, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var done = 0.0;
        await Poll.UntilAsync(async () =>
        {
            var metrics = await ScrapeAsync(cancellationToken).ConfigureAwait(false);
            done = metrics.Sum(OperatorMetricNames.ReconcileTotal);
            return done >= reconciles
                && metrics.Sum(OperatorMetricNames.WorkQueueDepth) == 0
                && metrics.Sum(OperatorMetricNames.ActiveWorkers) == 0;
        }, timeout, () => $"the operator did not settle (reconciles {done} of {reconciles})", cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(_process.Started);
    }

    public ProcessReading Read() => ProcessReading.Of(_process.Pid);

    public Task<int> StopAsync(TimeSpan grace) => _process.StopAsync(grace);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync().ConfigureAwait(false);
    }
}
