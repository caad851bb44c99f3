namespace GongOperator.Bench.Report;

/// <summary>Memory and CPU of the operator and the embedded API server, idle and at N.</summary>
/// <param name="OperatorStartSeconds">From the operator's start (no origins yet) to /readyz 200.</param>
/// <param name="OperatorIdleRssMb">VmRSS with no origins, after the idle settle.</param>
/// <param name="OperatorIdleHeapMb">dotnet_total_memory_bytes with no origins.</param>
/// <param name="OperatorRssAtNMb">VmRSS with N Ready origins, the burst settled.</param>
/// <param name="OperatorHeapAtNMb">dotnet_total_memory_bytes with N Ready origins.</param>
/// <param name="CpuSecondsPer1000Reconciles">The operator's CPU seconds during the burst per 1,000 reconciles.</param>
/// <param name="ApiServerIdleRssMb">The API server's VmRSS before the burst (CRD, namespaces and Secrets only).</param>
/// <param name="ApiServerRssAtNMb">The API server's VmRSS with N origins.</param>
/// <param name="ListMs">One LIST of all N origins (median of 3).</param>
/// <param name="WritesPerSecond">ConfigMap creates per second at N.</param>
internal sealed record FootprintResult(
    double OperatorStartSeconds,
    double OperatorIdleRssMb,
    double OperatorIdleHeapMb,
    double OperatorRssAtNMb,
    double OperatorHeapAtNMb,
    double CpuSecondsPer1000Reconciles,
    double ApiServerIdleRssMb,
    double ApiServerRssAtNMb,
    double ListMs,
    double WritesPerSecond);
