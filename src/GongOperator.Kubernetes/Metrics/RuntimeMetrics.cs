using Prometheus;

namespace GongOperator.Kubernetes.Metrics;

/// <summary>
/// The runtime's Prometheus metrics, under controller-runtime's names so existing dashboards work. They live in
/// prometheus-net's default registry, which the operator exposes at /metrics.
/// </summary>
internal static class RuntimeMetrics
{
    private static readonly double[] DurationBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    public static readonly Gauge WorkQueueDepth = Prometheus.Metrics.CreateGauge(
        "workqueue_depth", "Current depth of workqueue", "name");

    public static readonly Counter WorkQueueAdds = Prometheus.Metrics.CreateCounter(
        "workqueue_adds_total", "Total number of adds handled by workqueue", "name");

    public static readonly Histogram WorkQueueQueueDuration = Prometheus.Metrics.CreateHistogram(
        "workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested",
        new HistogramConfiguration { LabelNames = ["name"], Buckets = DurationBuckets });

    public static readonly Histogram WorkQueueWorkDuration = Prometheus.Metrics.CreateHistogram(
        "workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes",
        new HistogramConfiguration { LabelNames = ["name"], Buckets = DurationBuckets });

    public static readonly Counter WorkQueueRetries = Prometheus.Metrics.CreateCounter(
        "workqueue_retries_total", "Total number of retries handled by workqueue", "name");

    public static readonly Counter ReconcileTotal = Prometheus.Metrics.CreateCounter(
        "controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");

    public static readonly Counter ReconcileErrors = Prometheus.Metrics.CreateCounter(
        "controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller");

    public static readonly Counter ReconcileTerminalErrors = Prometheus.Metrics.CreateCounter(
        "controller_runtime_terminal_reconcile_errors_total", "Total number of terminal reconciliation errors per controller", "controller");

    public static readonly Histogram ReconcileTime = Prometheus.Metrics.CreateHistogram(
        "controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller",
        new HistogramConfiguration { LabelNames = ["controller"], Buckets = DurationBuckets });

    public static readonly Gauge ActiveWorkers = Prometheus.Metrics.CreateGauge(
        "controller_runtime_active_workers", "Number of currently used workers per controller", "controller");

    public static readonly Gauge MaxConcurrentReconciles = Prometheus.Metrics.CreateGauge(
        "controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller", "controller");

    public static readonly Gauge LeaderElectionMasterStatus = Prometheus.Metrics.CreateGauge(
        "leader_election_master_status", "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. 'name' is the string used to identify the lease.", "name");
}
