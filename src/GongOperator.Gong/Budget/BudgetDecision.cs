namespace GongOperator.Gong.Budget;

/// <summary>The budget's answer to "may this company be called now?".</summary>
internal readonly record struct BudgetDecision(BudgetVerdict Verdict, DateTimeOffset At)
{
    public static BudgetDecision Granted(DateTimeOffset now) => new(BudgetVerdict.Granted, now);

    /// <summary>What callers hear when the company is closed: the daily quota is spent, or else a 429 closed it.</summary>
    public RegistrationOutcome ToClosedOutcome() =>
        Verdict == BudgetVerdict.QuotaExhausted ? new QuotaExhausted(At) : new RateLimited(At, null, null);
}
