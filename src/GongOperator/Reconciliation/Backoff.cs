namespace GongOperator.Reconciliation;

/// <summary>
/// Per-origin waits after failures, computed from <c>status.failedAttempts</c> so they survive restarts.
/// Transient failures (Gong unavailable) back off quickly; failures only a person can fix (400, 401/403, bad
/// credentials) back off slowly, since retrying them spends shared quota for nothing.
/// </summary>
public static class Backoff
{
    /// <summary>First wait after a transient failure.</summary>
    public static readonly TimeSpan TransientBase = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait after transient failures.</summary>
    public static readonly TimeSpan TransientCap = TimeSpan.FromMinutes(10);

    /// <summary>First wait after a failure a person must fix.</summary>
    public static readonly TimeSpan NeedingAPersonBase = TimeSpan.FromHours(1);

    /// <summary>Longest wait after failures a person must fix.</summary>
    public static readonly TimeSpan NeedingAPersonCap = TimeSpan.FromHours(24);

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th consecutive transient failure.</summary>
    public static TimeSpan AfterTransientFailure(int failedAttempts) => Exponential(TransientBase, TransientCap, failedAttempts);

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th consecutive failure a person must fix.</summary>
    public static TimeSpan AfterFailureNeedingAPerson(int failedAttempts) => Exponential(NeedingAPersonBase, NeedingAPersonCap, failedAttempts);

    /// <summary>The wait of <paramref name="kind"/> after <paramref name="failedAttempts"/> failures; null for <see cref="BackoffKind.None"/>.</summary>
    public static TimeSpan? For(BackoffKind kind, int failedAttempts) => kind switch
    {
        BackoffKind.AfterTransientFailure => AfterTransientFailure(failedAttempts),
        BackoffKind.AfterFailureNeedingAPerson => AfterFailureNeedingAPerson(failedAttempts),
        _ => null,
    };

    private static TimeSpan Exponential(TimeSpan first, TimeSpan cap, int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ticks = first.Ticks * Math.Pow(2, exponent);
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }
}
