using GongOperator.Gong;

namespace GongOperator.Reconciliation;

/// <summary>What the reconciler should do for one origin, decided without any I/O by <see cref="RegistrationPlanner"/>.</summary>
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

    /// <summary>A call is due but the credentials do not resolve: Stalled with CredentialsInvalid, no call.</summary>
    public sealed record FixCredentials(string Problem) : RegistrationPlan;

    /// <summary>
    /// A call is due but the tenant policy refuses it: Stalled with <paramref name="Reason"/> (CredentialsNotAllowed or
    /// OriginNotAllowed) and <paramref name="Problem"/>, no call.
    /// </summary>
    public sealed record NotAllowed(string Reason, string Problem) : RegistrationPlan;

    /// <summary>A registration is with Gong and not answered yet: nothing to do; its answer enqueues the origin again.</summary>
    public sealed record AwaitAnswer : RegistrationPlan;

    /// <summary>Gong answered the registration in flight and the answer is still about the object as it is: write it.</summary>
    public sealed record WriteAnswer(PendingRegistration Registration, RegistrationOutcome Outcome) : RegistrationPlan
    {
        /// <summary>Short form for logs: the answer, not the task and token behind it.</summary>
        public override string ToString() => $"WriteAnswer {{ Outcome = {Outcome.GetType().Name}, RequestId = {Outcome.RequestId} }}";
    }

    /// <summary>
    /// Nothing is due, but Ready still says Paused from an annotation that is gone (nothing else rewrites status while
    /// nothing is due): repair the conditions; look again at <paramref name="RecheckAt"/>.
    /// </summary>
    public sealed record Unpause(DateTimeOffset? RecheckAt) : RegistrationPlan;
}
