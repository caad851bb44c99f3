namespace GongOperator.Gong;

/// <summary>What the client-side budget of one company looks like now.</summary>
/// <param name="Company">The non-secret company label (base URL host and credential identity prefix), as in metrics.</param>
/// <param name="DailyQuota">Calls allowed per quota window.</param>
/// <param name="Remaining">Calls left in the current window.</param>
/// <param name="ResetsAt">When the current window ends (the next 00:00 UTC).</param>
/// <param name="BlockedUntil">Set while a 429's Retry-After keeps the company closed.</param>
public sealed record CompanyBudgetState(
    string Company,
    int DailyQuota,
    int Remaining,
    DateTimeOffset ResetsAt,
    DateTimeOffset? BlockedUntil);
