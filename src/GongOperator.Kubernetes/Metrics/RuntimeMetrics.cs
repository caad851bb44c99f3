using System.Collections.Concurrent;
using Prometheus;

namespace GongOperator.Kubernetes.Metrics;

/// <summary>
/// The runtime's Prometheus metrics, under controller-runtime's names so existing dashboards work, in the registry it
/// is given: the one the container holds (<c>AddControllerRuntime</c>), which the host serves at /metrics. Parts built
/// without a container are given one by their caller (a test, its own registry).
/// </summary>
public sealed class RuntimeMetrics
{
    private static readonly double[] DurationBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly ConcurrentDictionary<InProgressTracker, byte> _inProgress = new();

    /// <summary>Creates (or, for names the registry already has, reuses) the metrics in <paramref name="registry"/>.</summary>
    public RuntimeMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        WorkQueueDepth = factory.CreateGauge(
            "workqueue_depth", "Current depth of workqueue", "name");
        WorkQueueAdds = factory.CreateCounter(
            "workqueue_adds_total", "Total number of adds handled by workqueue", "name");
        WorkQueueQueueDuration = factory.CreateHistogram(
            "workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested",
            new HistogramConfiguration { LabelNames = ["name"], Buckets = DurationBuckets });
        WorkQueueWorkDuration = factory.CreateHistogram(
            "workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes",
            new HistogramConfiguration { LabelNames = ["name"], Buckets = DurationBuckets });
        WorkQueueUnfinishedWork = factory.CreateGauge(
            "workqueue_unfinished_work_seconds", "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.", "name");
        WorkQueueLongestRunningProcessor = factory.CreateGauge(
            "workqueue_longest_running_processor_seconds", "How many seconds has the longest running processor for workqueue been running.", "name");
        WorkQueueRetries = factory.CreateCounter(
            "workqueue_retries_total", "Total number of retries handled by workqueue", "name");
        ReconcileTotal = factory.CreateCounter(
            "controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");
        ReconcileErrors = factory.CreateCounter(
            "controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller");
        ReconcileTerminalErrors = factory.CreateCounter(
            "controller_runtime_terminal_reconcile_errors_total", "Total number of terminal reconciliation errors per controller", "controller");
        ReconcileTime = factory.CreateHistogram(
            "controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller",
            new HistogramConfiguration { LabelNames = ["controller"], Buckets = DurationBuckets });
        ActiveWorkers = factory.CreateGauge(
            "controller_runtime_active_workers", "Number of currently used workers per controller", "controller");
        MaxConcurrentReconciles = factory.CreateGauge(
            "controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller", "controller");
        LeaderElectionMasterStatus = factory.CreateGauge(
            "leader_election_master_status", "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. 'name' is the string used to identify the lease.", "name");

        // client-go refreshes the two in-progress gauges every 500 ms; read at scrape time they are exact and cost
        // nothing between scrapes.
        registry.AddBeforeCollectCallback(RefreshInProgress);
    }

    internal Gauge WorkQueueDepth { get; }

    internal Counter WorkQueueAdds { get; }

    internal Histogram WorkQueueQueueDuration { get; }

    internal Histogram WorkQueueWorkDuration { get; }

    internal Gauge WorkQueueUnfinishedWork { get; }

    internal Gauge WorkQueueLongestRunningProcessor { get; }

    internal Counter WorkQueueRetries { get; }

    internal Counter ReconcileTotal { get; }

    internal Counter ReconcileErrors { get; }

    internal Counter ReconcileTerminalErrors { get; }

    internal Histogram ReconcileTime { get; }

    internal Gauge ActiveWorkers { get; }

    internal Gauge MaxConcurrentReconciles { get; }

    internal Gauge LeaderElectionMasterStatus { get; }

    /// <summary>
    /// Reports, at every scrape until disposed, the in-progress work of the queue <paramref name="name"/>:
    /// <paramref name="read"/> gives the seconds of all items being processed and of the longest one.
    /// </summary>
    internal IDisposable TrackInProgress(string name, Func<(double Unfinished, double Longest)> read)
    {
        var tracker = new InProgressTracker(this, name, read);
        _inProgress[tracker] = 0;
        return tracker;
    }

    private void RefreshInProgress()
    {
        foreach (var tracker in _inProgress.Keys)
        {
            tracker.Refresh();
        }
    }

    private sealed class InProgressTracker(RuntimeMetrics metrics, string name, Func<(double Unfinished, double Longest)> read) : IDisposable
    {
        public void Refresh()
        {
            var (unfinished, longest) = read();
            metrics.WorkQueueUnfinishedWork.WithLabels(name).Set(unfinished);
            metrics.WorkQueueLongestRunningProcessor.WithLabels(name).Set(longest);
        }

        public void Dispose()
        {
            if (metrics._inProgress.TryRemove(this, out _))
            {
                // A stopped queue has nothing in progress; a stale value would look like a stuck worker.
                metrics.WorkQueueUnfinishedWork.WithLabels(name).Set(0);
                metrics.WorkQueueLongestRunningProcessor.WithLabels(name).Set(0);
            }
        }
    }
}
