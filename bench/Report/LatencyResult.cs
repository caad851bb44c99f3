namespace GongOperator.Bench.Report;

/// <summary>Single origins applied one after another on an idle operator: create request to Ready seen on a watch.</summary>
internal sealed record LatencyResult(int Samples, double P50Ms, double P99Ms, double MeanMs, double MaxMs, IReadOnlyList<double> SamplesMs);
