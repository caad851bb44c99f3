using GongOperator.Kubernetes.Hosting;

namespace GongOperator.Hosting;

/// <summary>An operator that has started: its probe addresses, and <see cref="Completion"/>, which ends when it stops.</summary>
public sealed class RunningOperator : IAsyncDisposable
{
    /// <summary>How long a stop waits for answers to calls already made to Gong, so they are written, not lost.</summary>
    public static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop;
    private readonly IAsyncDisposable _resources;
    private readonly Func<CancellationToken, Task> _drain;
    private readonly Func<int> _inFlight;

    internal RunningOperator(Task completion, CancellationTokenSource stop, IAsyncDisposable resources, Func<CancellationToken, Task> drain, Func<int> inFlight, ControllerManager manager, Uri? metrics, Uri? health, IServiceProvider services)
    {
        _inFlight = inFlight;
        Services = services;
        Completion = completion;
        _stop = stop;
        _resources = resources;
        _drain = drain;
        Manager = manager;
        MetricsAddress = metrics;
        HealthAddress = health;
    }

    /// <summary>Ends when the operator has stopped (after a stop request, or on a fatal error, which it rethrows).</summary>
    public Task Completion { get; }

    /// <summary>The controller manager (health, leader election).</summary>
    public ControllerManager Manager { get; }

    /// <summary>Registrations handed to Gong whose answers are not written yet.</summary>
    public int RegistrationsInFlight => _inFlight();

    /// <summary>
    /// The operator's services (its informers among them), for tests that must know what the operator has observed
    /// before they act: two watch streams (origins, Secrets) are not ordered with each other.
    /// </summary>
    internal IServiceProvider Services { get; }

    /// <summary>Where /metrics is served, or null when disabled.</summary>
    public Uri? MetricsAddress { get; }

    /// <summary>Where /healthz and /readyz are served, or null when disabled.</summary>
    public Uri? HealthAddress { get; }

    /// <summary>Stops gracefully: in-flight reconciles finish within their bound, the Lease is released.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
        {
            using var bound = new CancellationTokenSource(DrainBound);
            try
            {
                await _drain(bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Gong did not answer within the bound: those origins are registered again after the restart.
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException || Completion.IsFaulted)
        {
            // A fault was already reported by whoever awaited Completion; stopping must not throw it again.
        }
        finally
        {
            await _resources.DisposeAsync().ConfigureAwait(false);
            _stop.Dispose();
        }
    }
}
