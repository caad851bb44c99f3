namespace GongOperator.Bench.Report;

/// <summary>N origins over M companies created at once, until every one is Ready.</summary>
/// <param name="Origins">N.</param>
/// <param name="Companies">M.</param>
/// <param name="Seconds">From the first create request to the last origin seen Ready.</param>
/// <param name="ApplySeconds">From the first create request to the last create answered.</param>
/// <param name="GongCalls">Calls the simulator received during the burst.</param>
/// <param name="CallsPerOrigin">GongCalls / N.</param>
/// <param name="FloorSeconds">What the rate limit alone allows: ⌈⌈N/M⌉ / batch⌉ calls per company at the rate per second.</param>
/// <param name="TimeOverFloor">Seconds / FloorSeconds.</param>
/// <param name="CallsInsideRetryAfter">Calls a company made while a 429 held it closed (must be 0).</param>
/// <param name="RateLimited">Calls answered 429.</param>
/// <param name="Reconciles">controller_runtime_reconcile_total added until the operator settled.</param>
/// <param name="WritesPerOrigin">Watch MODIFIED events per origin (the operator's status writes, mostly).</param>
/// <param name="EventWritesPerOrigin">Event creates and aggregation patches about the burst's origins, per origin.</param>
/// <param name="ReconcileMeanMs">Mean of controller_runtime_reconcile_time_seconds during the burst.</param>
/// <param name="QueueWaitMeanMs">Mean of workqueue_queue_duration_seconds during the burst.</param>
/// <param name="OperatorCpuSeconds">CPU time the operator used until it settled.</param>
/// <param name="ApiServerCpuSeconds">CPU time the API server used until the operator settled.</param>
/// <param name="SimulatorCpuSeconds">CPU time the simulator used until the operator settled.</param>
/// <param name="BenchCpuSeconds">CPU time the bench itself (creates and the watch) used until the operator settled.</param>
/// <param name="SettledSeconds">From the first create request until the operator had nothing queued or in work.</param>
/// <param name="ReadyAt">Seconds from the first create at which each origin was seen Ready, ascending (for the chart).</param>
internal sealed record BurstResult(
    int Origins,
    int Companies,
    double Seconds,
    double ApplySeconds,
    int GongCalls,
    double CallsPerOrigin,
    double FloorSeconds,
    double TimeOverFloor,
    int CallsInsideRetryAfter,
    int RateLimited,
    double Reconciles,
    double WritesPerOrigin,
    double EventWritesPerOrigin,
    double ReconcileMeanMs,
    double QueueWaitMeanMs,
    double OperatorCpuSeconds,
    double ApiServerCpuSeconds,
    double SimulatorCpuSeconds,
    double BenchCpuSeconds,
    double SettledSeconds,
    IReadOnlyList<double> ReadyAt);
