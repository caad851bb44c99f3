namespace GongOperator.Bench.Report;

/// <summary>A figure over the runs.</summary>
internal sealed record SummaryStat(double Min, double Median, double Max)
{
    public static SummaryStat Of(IReadOnlyList<double> values) => new(values.Min(), Stats.Median(values), values.Max());
}
