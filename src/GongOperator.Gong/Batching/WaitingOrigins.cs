namespace GongOperator.Gong.Batching;

/// <summary>What waits for a company's next call, as the send policy sees it.</summary>
/// <param name="Count">Distinct origins waiting (at least one).</param>
/// <param name="OldestSince">When the oldest of them started waiting.</param>
/// <param name="NewestSince">When the newest of them started waiting (the last arrival): a linger waits only while arrivals keep coming.</param>
internal readonly record struct WaitingOrigins(int Count, DateTimeOffset OldestSince, DateTimeOffset NewestSince);
