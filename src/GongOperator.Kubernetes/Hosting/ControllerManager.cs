using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.LeaderElection;
using GongOperator.Kubernetes.Metrics;
using k8s;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongOperator.Kubernetes.Hosting;

/// <summary>
/// Runs informers and controllers together. Informers run on every replica (a standby keeps a warm cache); controllers
/// run only while this replica leads (when leader election is configured), stop at once when the lease is lost, and
/// on a clean stop finish in-flight reconciles within their bound before the lease is released.
/// Liveness and readiness are exposed as health checks for the host to map to /healthz and /readyz.
/// </summary>
public sealed class ControllerManager
{
    private readonly List<IInformer> _informers = [];
    private readonly List<IController> _controllers = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private volatile bool _started;
    private volatile Exception? _fatal;

    /// <param name="client">The client; required when <paramref name="options"/> configures leader election.</param>
    /// <param name="options">Options; null for defaults (no leader election).</param>
    /// <param name="loggerFactory">Loggers; optional.</param>
    /// <param name="metrics">Where the leader-election gauge goes.</param>
    public ControllerManager(IKubernetes? client, RuntimeMetrics metrics, ControllerManagerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        options ??= new ControllerManagerOptions();
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = factory.CreateLogger<ControllerManager>();
        if (options.LeaderElection is { } election)
        {
            Election = new LeaseElection(
                client ?? throw new ArgumentException("Leader election needs a Kubernetes client.", nameof(client)),
                election,
                metrics,
                factory.CreateLogger<LeaseElection>());
        }

        LivenessCheck = new DelegateHealthCheck(CheckLiveness);
        ReadinessCheck = new DelegateHealthCheck(CheckReadiness);
    }

    /// <summary>The leader election, when configured.</summary>
    public LeaseElection? Election { get; }

    /// <summary>Liveness as an <see cref="IHealthCheck"/> (map it to /healthz).</summary>
    public IHealthCheck LivenessCheck { get; }

    /// <summary>Readiness as an <see cref="IHealthCheck"/> (map it to /readyz).</summary>
    public IHealthCheck ReadinessCheck { get; }

    /// <summary>Adds an informer (controllers' informers are added with them).</summary>
    public ControllerManager AddInformer(IInformer informer)
    {
        ArgumentNullException.ThrowIfNull(informer);
        ThrowIfStarted();
        if (!_informers.Contains(informer))
        {
            _informers.Add(informer);
        }

        return this;
    }

    /// <summary>Adds a controller and its informers; controller names must be unique (they label metrics).</summary>
    public ControllerManager AddController(IController controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ThrowIfStarted();
        if (!_names.Add(controller.Name))
        {
            throw new InvalidOperationException($"A controller named '{controller.Name}' is already registered; names label metrics and must be unique.");
        }

        _controllers.Add(controller);
        foreach (var informer in controller.Informers)
        {
            AddInformer(informer);
        }

        return this;
    }

    /// <summary>Runs everything until <paramref name="cancellationToken"/> is cancelled, then stops gracefully.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ThrowIfStarted();
        _started = true;
        try
        {
            var tasks = _informers.Select(i => Task.Run(() => i.RunAsync(cancellationToken), CancellationToken.None)).ToList();
            tasks.Add(Election is null
                ? RunControllersAsync(cancellationToken, cancellationToken)
                : Election.RunAsync(leading => RunControllersAsync(leading, cancellationToken), cancellationToken));
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _fatal = e;
            throw;
        }
    }

    /// <summary>Healthy unless a component crashed.</summary>
    public HealthCheckResult CheckLiveness()
        => _fatal is { } fatal
            ? HealthCheckResult.Unhealthy("controller manager crashed: " + fatal.Message, fatal)
            : HealthCheckResult.Healthy("running");

    /// <summary>Ready when started, every informer has synced, and the election is running (as leader or standby).</summary>
    public HealthCheckResult CheckReadiness()
    {
        if (_fatal is not null)
        {
            return HealthCheckResult.Unhealthy("controller manager crashed");
        }

        if (!_started)
        {
            return HealthCheckResult.Unhealthy("not started");
        }

        var unsynced = _informers.Where(i => !i.HasSynced).Select(i => i.Name).ToList();
        if (unsynced.Count > 0)
        {
            return HealthCheckResult.Unhealthy("informers not synced: " + string.Join(", ", unsynced));
        }

        if (Election is null)
        {
            return HealthCheckResult.Healthy("synced");
        }

        if (!Election.IsRunning)
        {
            return HealthCheckResult.Unhealthy("leader election not running");
        }

        return HealthCheckResult.Healthy(Election.IsLeader ? "synced; leader" : "synced; standby");
    }

    private async Task RunControllersAsync(CancellationToken leading, CancellationToken stopping)
    {
        // Lost leadership (leading cancelled while not stopping) aborts in-flight reconciles at once;
        // a clean stop lets them finish within each controller's graceful bound.
        using var abort = new CancellationTokenSource();
        using var registration = leading.Register(() =>
        {
            if (!stopping.IsCancellationRequested)
            {
                abort.Cancel();
            }
        });
        await Task.WhenAll(_controllers.Select(c => c is IAbortableController a
            ? a.RunAsync(leading, abort.Token)
            : c.RunAsync(leading))).ConfigureAwait(false);
    }

    private void ThrowIfStarted()
    {
        if (_started)
        {
            throw new InvalidOperationException("The controller manager has already started; add informers and controllers before RunAsync.");
        }
    }

    private sealed class DelegateHealthCheck(Func<HealthCheckResult> check) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
            => Task.FromResult(check());
    }
}
