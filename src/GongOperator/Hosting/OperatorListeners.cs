using GongOperator.Configuration;
using GongOperator.Kubernetes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace GongOperator.Hosting;

/// <summary>
/// The /metrics and /healthz, /readyz servers. They can be bound before the operator exists, so laptop mode learns of
/// a taken port before it writes a kubeconfig or state; all three answer 503 until <see cref="Serve"/> names the
/// controller manager and the container's metrics registry.
/// </summary>
internal sealed class OperatorListeners : IAsyncDisposable
{
    private ProbeServer? _metrics;
    private ProbeServer? _health;
    private ControllerManager? _manager;
    private MetricServerMiddleware? _exporter;
    private int _disposed;

    private OperatorListeners()
    {
    }

    /// <summary>Where /metrics is served, or null when disabled.</summary>
    public Uri? MetricsAddress => _metrics?.Address;

    /// <summary>Where /healthz and /readyz are served, or null when disabled.</summary>
    public Uri? HealthAddress => _health?.Address;

    /// <summary>
    /// Binds both addresses of <paramref name="options"/>; throws <see cref="OperatorStartupException"/> with one line
    /// when one is taken (nothing stays bound then).
    /// </summary>
    public static async Task<OperatorListeners> StartAsync(OperatorOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var listeners = new OperatorListeners();
        try
        {
            listeners._metrics = await ProbeServer.StartAsync(options.MetricsBindAddress, loggerFactory, app => app.Map("/metrics", listeners.ExportAsync), cancellationToken).ConfigureAwait(false);
            listeners._health = await ProbeServer.StartAsync(options.HealthProbeBindAddress, loggerFactory, app =>
            {
                app.MapGet("/healthz", () => Answer(listeners._manager?.CheckLiveness()));
                app.MapGet("/readyz", () => Answer(listeners._manager?.CheckReadiness()));
            }, cancellationToken).ConfigureAwait(false);
            return listeners;
        }
        catch
        {
            await listeners.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>From now on the probes report <paramref name="manager"/>'s health and /metrics serves <paramref name="registry"/> (the container's).</summary>
    public void Serve(ControllerManager manager, CollectorRegistry registry)
    {
        // prometheus-net's own exporter (its content negotiation and formats), on the registry given rather than its static default.
        _exporter = new MetricServerMiddleware(_ => Task.CompletedTask, new MetricServerMiddleware.Settings { Registry = registry });
        _manager = manager;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Laptop mode keeps ownership until the operator has started and the operator disposes what it started:
        // both may dispose these.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_health is not null)
        {
            await _health.DisposeAsync().ConfigureAwait(false);
        }

        if (_metrics is not null)
        {
            await _metrics.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Task ExportAsync(HttpContext context) => _exporter is { } exporter ? exporter.Invoke(context) : Answer(null).ExecuteAsync(context);

    private static IResult Answer(HealthCheckResult? result) => result switch
    {
        null => Results.Text("not ready: starting", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable),
        { Status: HealthStatus.Healthy } healthy => Results.Text("ok: " + healthy.Description, "text/plain"),
        { } unhealthy => Results.Text("not ready: " + unhealthy.Description, "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable),
    };
}
