namespace GongOperator.Bench.Report;

/// <summary>A 429 storm from the simulator while origins (one per company) wait to be registered.</summary>
/// <param name="Origins">Origins created when the storm started.</param>
/// <param name="StormSeconds">How long every call answered 429.</param>
/// <param name="RetryAfterSeconds">The Retry-After of those 429s.</param>
/// <param name="RateLimited">Calls answered 429.</param>
/// <param name="GongCalls">Calls during the scenario.</param>
/// <param name="CallsInsideRetryAfter">Calls a company made while a 429 held it closed (must be 0).</param>
/// <param name="RecoverSeconds">From the storm's end to the last origin Ready.</param>
/// <param name="TotalSeconds">From the storm's start to the last origin Ready.</param>
internal sealed record StormResult(int Origins, int StormSeconds, int RetryAfterSeconds, int RateLimited, int GongCalls, int CallsInsideRetryAfter, double RecoverSeconds, double TotalSeconds);
