namespace GongOperator.Bench.Gong;

/// <summary>What the naive baseline spent to get every origin accepted once.</summary>
/// <param name="Seconds">From the first call to the last origin accepted (200 or 409).</param>
/// <param name="Calls">Every POST sent, 429s included.</param>
/// <param name="RateLimited">POSTs answered 429.</param>
/// <param name="DoneAt">Seconds from the start at which each origin was accepted, ascending.</param>
internal sealed record NaiveResult(double Seconds, long Calls, long RateLimited, IReadOnlyList<double> DoneAt);
