namespace GongOperator.Bench.Report;

/// <summary>A property every run must have; the bench exits non-zero when one fails.</summary>
internal sealed record InvariantResult(string Name, bool Holds, string Detail);
