namespace GongOperator.Reconciliation;

/// <summary>How a reason schedules the next attempt (see <see cref="Backoff"/>).</summary>
public enum BackoffKind
{
    /// <summary>No backoff and no failed attempt counted: the wait, if any, is the one the outcome names (Retry-After, quota window).</summary>
    None,

    /// <summary>A failure that passes by itself: counted, 10 s doubling to 10 min.</summary>
    AfterTransientFailure,

    /// <summary>A failure a person must fix: counted, 1 h doubling to 24 h (retrying spends shared quota for nothing).</summary>
    AfterFailureNeedingAPerson,
}
