namespace GongOperator.Gong.Budget;

/// <summary>Kinds of budget answers; all but Granted carry a time in <see cref="BudgetDecision.At"/>.</summary>
internal enum BudgetVerdict
{
    /// <summary>Call now.</summary>
    Granted,

    /// <summary>The per-second bucket is empty: wait until the time (short; callers keep waiting and coalesce).</summary>
    WaitForToken,

    /// <summary>A 429 closed the company until the time.</summary>
    RateLimited,

    /// <summary>The daily quota is spent until the time (the next window).</summary>
    QuotaExhausted,
}
