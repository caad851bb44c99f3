namespace GongOperator.Bench.Metrics;

/// <summary>The operator's /metrics names the bench reads (controller-runtime's, prometheus-net's process and .NET ones, the operator's own).</summary>
internal static class OperatorMetricNames
{
    public const string ReconcileTotal = "controller_runtime_reconcile_total";
    public const string ReconcileTimeSum = "controller_runtime_reconcile_time_seconds_sum";
    public const string ReconcileTimeCount = "controller_runtime_reconcile_time_seconds_count";
    public const string ActiveWorkers = "controller_runtime_active_workers";
    public const string WorkQueueDepth = "workqueue_depth";
    public const string WorkQueueAdds = "workqueue_adds_total";
    public const string QueueWaitSum = "workqueue_queue_duration_seconds_sum";
    public const string QueueWaitCount = "workqueue_queue_duration_seconds_count";
    public const string GongCallDurationSum = "gong_api_call_duration_seconds_sum";
    public const string GongCallDurationCount = "gong_api_call_duration_seconds_count";
    public const string ManagedHeap = "dotnet_total_memory_bytes";
    public const string CpuSeconds = "process_cpu_seconds_total";
}
