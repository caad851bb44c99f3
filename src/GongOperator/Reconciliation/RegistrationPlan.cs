namespace GongOperator.Reconciliation;

/// <summary>What the reconciler should do for one origin, decided without any I/O.</summary>
public abstract record RegistrationPlan
{
    private RegistrationPlan()
    {
    }

    /// <summary>Nothing to do now; look again at <paramref name="RecheckAt"/> (null: only on a change).</summary>
    public sealed record UpToDate(DateTimeOffset? RecheckAt) : RegistrationPlan;

    /// <summary>The paused annotation is set: no call, reason Paused.</summary>
    public sealed record Paused : RegistrationPlan;

    /// <summary>The spec is invalid: Stalled with InvalidSpec, no call.</summary>
    public sealed record Invalid(string Message) : RegistrationPlan;

    /// <summary>A previous outcome asked to wait (Retry-After, quota window or backoff) until <paramref name="Until"/>.</summary>
    public sealed record Wait(DateTimeOffset Until) : RegistrationPlan;

    /// <summary>Call Gong now; <paramref name="Why"/> is said in logs and events.</summary>
    public sealed record Register(RegistrationCause Why) : RegistrationPlan;
}

/// <summary>Why a registration is made.</summary>
public enum RegistrationCause
{
    /// <summary>Never registered.</summary>
    New,

    /// <summary>The spec changed since the last registration.</summary>
    SpecChanged,

    /// <summary>The periodic re-assertion is due (drift repair).</summary>
    PeriodicReassert,

    /// <summary>The reassert annotation has a new value.</summary>
    ReassertRequested,

    /// <summary>A wait after a failure has passed.</summary>
    Retry,

    /// <summary>The credentials Secret changed since the last attempt.</summary>
    CredentialsChanged,
}
