namespace GongOperator.Bench.Report;

/// <summary>Everything one run measured, on processes started for it alone.</summary>
internal sealed record RunResult(
    int Run,
    BurstResult Burst,
    FootprintResult Footprint,
    RestartResult Restart,
    LatencyResult Latency,
    StormResult Storm,
    BaselineResult Baseline);
