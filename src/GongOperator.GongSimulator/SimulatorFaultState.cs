namespace GongOperator.GongSimulator;

/// <summary>The faults in force (the answer of <c>GET /_simulator/faults</c>).</summary>
public sealed record SimulatorFaultState(
    int LatencyMs,
    int FailNext,
    int ResetNext,
    int MalformedNext,
    int TruncatedNext,
    DateTimeOffset? StormUntil,
    int StormRetryAfterSeconds,
    IReadOnlyList<string> QuotaExhausted,
    IReadOnlyList<long> NextIntegrationIds);
