namespace GongOperator.Bench.Report;

/// <summary>The JSON report: the conditions, every run's figures, min/median/max of each figure, and the invariants.</summary>
internal sealed record BenchReport(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    ReportSettings Settings,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyDictionary<string, SummaryStat> Summary,
    IReadOnlyList<InvariantResult> Invariants,
    string? Failure)
{
    public bool Passed => Failure is null && Invariants.All(i => i.Holds);
}
