using System.Net;
using GongOperator.Kubernetes.Metrics;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongOperator.Kubernetes.LeaderElection;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease with KubernetesClient's <see cref="LeaderElector"/> and
/// <see cref="LeaseLock"/>, plus what they lack: the elector is restarted after errors and after a lost lease (it
/// gives up for good otherwise), the work runs only while leading and is cancelled the moment the lease is lost, and a
/// clean stop releases the lease (empty holder) after the work has finished, so a standby takes over within one
/// retry period instead of a full lease duration.
/// </summary>
public sealed class LeaseElection
{
    private readonly IKubernetes _client;
    private readonly LeaderElectionOptions _options;
    private readonly ILogger _logger;
    private readonly RuntimeMetrics _metrics;
    private volatile bool _isLeader;
    private volatile bool _running;
    private volatile string? _leader;

    public LeaseElection(IKubernetes client, LeaderElectionOptions options, RuntimeMetrics metrics, ILogger? logger = null)
    {
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _metrics.LeaderElectionMasterStatus.WithLabels(options.LeaseName).Set(0);
    }

    /// <summary>This replica's identity.</summary>
    public string Identity => _options.Identity;

    /// <summary>True while this replica holds the lease.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>True while the election loop runs (as leader or as standby).</summary>
    public bool IsRunning => _running;

    /// <summary>The holder last observed, if any.</summary>
    public string? Leader => _leader;

    /// <summary>
    /// Campaigns until <paramref name="cancellationToken"/> is cancelled; runs <paramref name="whileLeading"/> each time
    /// the lease is won, with a token cancelled when the lease is lost or the election stops.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        _running = true;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var led = await CampaignOnceAsync(whileLeading, cancellationToken).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    if (led && _options.ReleaseOnCancel)
                    {
                        await ReleaseAsync().ConfigureAwait(false);
                    }

                    break;
                }

                try
                {
                    await Task.Delay(_options.RetryPeriod, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            _running = false;
        }
    }

    private async Task<bool> CampaignOnceAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        var leaseLock = new LeaseLock(_client, _options.LeaseNamespace, _options.LeaseName, _options.Identity);
        var config = new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        using var leadingCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? leading = null;
        elector.OnStartedLeading += () =>
        {
            _isLeader = true;
            _metrics.LeaderElectionMasterStatus.WithLabels(_options.LeaseName).Set(1);
            Log.BecameLeader(_logger, _options.LeaseName, _options.Identity);
            leading = Task.Run(() => whileLeading(leadingCts.Token), CancellationToken.None);
        };
        elector.OnStoppedLeading += () =>
        {
            // Stop the work before anything else: the lease may already belong to someone else.
            StopLeading(leadingCts);
        };
        elector.OnNewLeader += leader =>
        {
            _leader = leader;
            Log.NewLeader(_logger, _options.LeaseName, leader ?? string.Empty);
        };
        elector.OnError += e => Log.ElectionError(_logger, _options.LeaseName, e);

        // The elector's renew attempt outlives a missed renew deadline (it keeps retrying in the background); a
        // campaign-scoped token ends it when this campaign ends, so it cannot re-take the lease behind our back.
        using var campaignCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await elector.RunUntilLeadershipLostAsync(campaignCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            // A catch-all on purpose: KubernetesClient's elector throws on transport errors; campaign again instead of dying.
            Log.ElectionError(_logger, _options.LeaseName, e);
        }

        await campaignCts.CancelAsync().ConfigureAwait(false);
        StopLeading(leadingCts);
        if (leading is null)
        {
            return false;
        }

        try
        {
            await leading.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The work ended because leadership ended.
        }
        catch (Exception e)
        {
            // A catch-all on purpose: the work's failure is logged; the election goes on.
            Log.ElectionError(_logger, _options.LeaseName, e);
        }

        return true;
    }

    private void StopLeading(CancellationTokenSource leadingCts)
    {
        if (_isLeader)
        {
            _isLeader = false;
            _metrics.LeaderElectionMasterStatus.WithLabels(_options.LeaseName).Set(0);
            Log.LostLease(_logger, _options.LeaseName, _options.Identity);
        }

        try
        {
            leadingCts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    /// <summary>
    /// Writes an empty holder (client-go's release). KubernetesClient's elector treats an empty holder as free and takes
    /// it at its next retry; a null holder would make it try to create the existing Lease forever, so "" it is.
    /// </summary>
    private async Task ReleaseAsync()
    {
        using var cts = new CancellationTokenSource(_options.RenewDeadline);
        try
        {
            var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_options.LeaseName, _options.LeaseNamespace, cancellationToken: cts.Token).ConfigureAwait(false);
            if (lease.Spec is null || !string.Equals(lease.Spec.HolderIdentity, _options.Identity, StringComparison.Ordinal))
            {
                return;
            }

            var now = DateTime.UtcNow;
            lease.Spec.HolderIdentity = string.Empty;
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.AcquireTime = now;
            lease.Spec.RenewTime = now;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, _options.LeaseName, _options.LeaseNamespace, cancellationToken: cts.Token).ConfigureAwait(false);
            Log.Released(_logger, _options.LeaseName, _options.Identity);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            // Someone else already moved the lease on: nothing to release.
        }
        catch (Exception e)
        {
            // A catch-all on purpose: release is an optimisation; the lease expires anyway.
            Log.ReleaseFailed(_logger, _options.LeaseName, e);
        }
    }
}
