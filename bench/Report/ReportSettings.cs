namespace GongOperator.Bench.Report;

/// <summary>The bench settings a reader needs to interpret the figures.</summary>
internal sealed record ReportSettings(
    int Origins,
    int Companies,
    int Runs,
    int LatencySamples,
    int RatePerSecond,
    int BatchSize,
    int Workers,
    int CreateConcurrency,
    int StormSeconds,
    int StormRetryAfterSeconds,
    int Writes,
    bool InMemoryApiServer,
    IReadOnlyList<string> OperatorArguments);
