namespace GongOperator.Bench.Report;

/// <summary>The naive baseline against the same simulator, and how the operator's quota figures compare with it.</summary>
/// <param name="BurstSeconds">Time to get all N accepted with one POST per origin.</param>
/// <param name="BurstCalls">POSTs it sent, 429s included.</param>
/// <param name="BurstRateLimited">Of them, answered 429 (these spend no quota).</param>
/// <param name="BurstQuotaCalls">POSTs that spent quota (all but the 429s).</param>
/// <param name="FloorSeconds">What the rate limit allows one POST per origin: ⌈N/M⌉ calls per company at the rate per second.</param>
/// <param name="RestartSeconds">Time to reconcile all N again (a restart: no registered-already check).</param>
/// <param name="RestartQuotaCalls">POSTs that spent quota for that (all answered 409).</param>
/// <param name="QuotaRatio">BurstQuotaCalls / the operator's quota-spending burst calls: how many times more quota the naive client spends.</param>
/// <param name="DoneAt">Seconds from the start at which each origin was accepted, ascending (for the chart).</param>
internal sealed record BaselineResult(
    double BurstSeconds,
    long BurstCalls,
    long BurstRateLimited,
    long BurstQuotaCalls,
    double FloorSeconds,
    double RestartSeconds,
    long RestartQuotaCalls,
    double QuotaRatio,
    IReadOnlyList<double> DoneAt);
