namespace GongOperator.GongSimulator;

/// <summary>One call received on <c>POST /v2/integration-settings</c> and what the simulator answered.</summary>
/// <param name="Sequence">1 for the first call since start (or since the last reset).</param>
/// <param name="Time">When the call was answered, on the simulator's TimeProvider.</param>
/// <param name="Company">The company the credentials belong to; null when they matched none.</param>
/// <param name="AuthKind">Which kind of Authorization the call carried.</param>
/// <param name="Items">The body's items, as far as the body could be read.</param>
/// <param name="Status">The HTTP status answered; 0 when the connection was reset instead.</param>
/// <param name="RequestId">The requestId answered (also recorded for resets and answers that are not JSON).</param>
/// <param name="IntegrationId">The integrationId answered on a 200.</param>
/// <param name="RetryAfterSeconds">The Retry-After answered on a 429.</param>
/// <param name="Errors">The errors answered.</param>
/// <param name="Fault">The injected fault that shaped the answer (<c>reset</c>, <c>fail</c>, <c>malformed</c>, <c>truncated</c>, <c>storm</c>, <c>quotaExhausted</c>), or null.</param>
/// <param name="OverRate">True when this call's arrival made more than the company's rate in one sliding second (every arrival with the company's credentials counts, whatever its answer).</param>
public sealed record SimulatedCall(
    long Sequence,
    DateTimeOffset Time,
    string? Company,
    SimulatedAuthKind AuthKind,
    IReadOnlyList<SimulatedSetting> Items,
    int Status,
    string RequestId,
    long? IntegrationId,
    int? RetryAfterSeconds,
    IReadOnlyList<string> Errors,
    string? Fault,
    bool OverRate);
