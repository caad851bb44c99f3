namespace GongOperator.Bench.Cli;

/// <summary>What one invocation of the bench measures and how.</summary>
internal sealed record BenchOptions
{
    /// <summary>Origins created at once in the burst (N).</summary>
    public int Origins { get; init; } = 1000;

    /// <summary>Gong companies the origins are spread over (M), one namespace and one credentials Secret each.</summary>
    public int Companies { get; init; } = 10;

    /// <summary>Repetitions of the whole sequence, each on fresh processes; the report gives min/median/max.</summary>
    public int Runs { get; init; } = 1;

    /// <summary>Single origins applied one after another for the apply→Ready latency.</summary>
    public int LatencySamples { get; init; } = 100;

    /// <summary>Calls a second per company the simulator enforces (and the operator is told to keep to).</summary>
    public int RatePerSecond { get; init; } = 3;

    /// <summary>Origins per POST the operator may send (its --gong-batch-size).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Concurrent reconciles of the operator (its --workers), also the naive baseline's concurrency.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>Create requests the bench keeps in flight while applying the burst.</summary>
    public int CreateConcurrency { get; init; } = 8;

    /// <summary>How long the 429 storm lasts, in seconds.</summary>
    public int StormSeconds { get; init; } = 3;

    /// <summary>The Retry-After of the storm's 429s, in seconds.</summary>
    public int StormRetryAfterSeconds { get; init; } = 2;

    /// <summary>ConfigMaps written at N to measure the API server's write throughput.</summary>
    public int Writes { get; init; } = 500;

    /// <summary>How long the operator is left alone before its idle footprint is read.</summary>
    public TimeSpan IdleSettle { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Upper bound for any one wait (all Ready, a restart settling, a process starting).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Keep the API server's objects in memory instead of a state directory (no write-ahead log, no fsync).</summary>
    public bool InMemoryApiServer { get; init; }

    /// <summary>Where the JSON report, the SVG chart and the processes' logs go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The gong-operator executable (apphost) or its .dll.</summary>
    public required string OperatorExecutable { get; init; }

    /// <summary>Extra arguments for <c>gong-operator run</c> (for example a client-side QPS once it has the flag).</summary>
    public IReadOnlyList<string> OperatorArguments { get; init; } = [];

    /// <summary>Names the output files: <c>bench-n{N}-m{M}</c> unless given.</summary>
    public string? ReportName { get; init; }

    /// <summary>The file name stem of the report and chart.</summary>
    public string ReportStem => ReportName ?? $"bench-n{Origins}-m{Companies}";
}
