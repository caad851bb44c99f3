using GongOperator.Gong;
using GongOperator.Kubernetes;
using GongOperator.Kubernetes.Events;
using GongOperator.Kubernetes.Status;
using GongOperator.Resources;
using k8s.Models;

namespace GongOperator.Reconciliation;

/// <summary>
/// How each step of a reconcile is written into an origin's status: pure functions that mutate a copy of the object
/// and say whether anything changed and which Event a state change deserves. What a reason means (its conditions,
/// backoff and message) comes from the reason table, <see cref="OriginReasons"/>; this class only writes it.
/// </summary>
public static class OriginStatusRules
{
    /// <summary>Applies Gong's answer for this origin.</summary>
    /// <param name="origin">A copy of the object to change.</param>
    /// <param name="outcome">Gong's answer.</param>
    /// <param name="credentials">The credentials the call was made with.</param>
    /// <param name="reassertToken">The reassert annotation's value when the call was started (now acted on).</param>
    /// <param name="now">The current time.</param>
    public static StatusChange ApplyOutcome(GongIntegrationOrigin origin, RegistrationOutcome outcome, Credentials credentials, string? reassertToken, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(credentials);
        var status = StampAttempt(origin, credentials.Version, reassertToken);
        if (outcome.RequestId is not null)
        {
            status.LastRequestId = outcome.RequestId;
        }

        if (outcome is Registered registered)
        {
            status.IntegrationId = registered.IntegrationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (outcome is AlreadyRegistered && !RegisteredAsSpecified(origin))
        {
            // The id held is the answer for another origin (the spec changed): keeping it would name the wrong registration.
            status.IntegrationId = null;
        }

        var idUnknown = outcome is AlreadyRegistered && status.IntegrationId is null;
        return Apply(origin, OriginReasons.For(outcome), new ReasonFacts(origin.Spec, credentials.SecretName, outcome, IntegrationIdUnknown: idUnknown), outcome.RetryNotBefore, now);
    }

    /// <summary>The credentials could not be resolved: no call is made; a person must fix the Secret.</summary>
    public static StatusChange CredentialsProblem(GongIntegrationOrigin origin, Credentials credentials, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(credentials);
        StampAttempt(origin, credentials.Version, origin.ReassertToken());
        return Apply(origin, OriginReasons.Rule(OriginReasons.CredentialsInvalid), new ReasonFacts(origin.Spec, credentials.SecretName, Problem: credentials.Problem), null, now);
    }

    /// <summary>The tenant policy refuses the call (<paramref name="reason"/>): no call is made, no backoff; a change re-checks it.</summary>
    public static StatusChange NotAllowed(GongIntegrationOrigin origin, Credentials credentials, string reason, string problem, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(credentials);
        StampAttempt(origin, credentials.Version, origin.ReassertToken());
        return Apply(origin, OriginReasons.Rule(reason), new ReasonFacts(origin.Spec, credentials.SecretName, Problem: problem), null, now);
    }

    /// <summary>The spec is invalid (written past the schema): no call, no backoff; a spec change re-triggers.</summary>
    public static StatusChange InvalidSpec(GongIntegrationOrigin origin, string problem, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var status = Status(origin);
        status.ObservedGeneration = origin.Generation();
        status.NextRetryTime = null;
        var rule = OriginReasons.Rule(OriginReasons.InvalidSpec);
        return SetConditions(origin, now, ready: false, rule, rule.Message(new ReasonFacts(origin.Spec, "", Problem: problem)));
    }

    /// <summary>The paused annotation is set: Ready keeps its status, with reason Paused.</summary>
    public static StatusChange Paused(GongIntegrationOrigin origin, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var status = Status(origin);
        var ready = Conditions.IsTrue(status.Conditions, ConditionTypes.Ready) && RegisteredAsSpecified(origin);
        status.ObservedGeneration = origin.Generation();
        var rule = OriginReasons.Rule(OriginReasons.Paused);
        return SetConditions(origin, now, ready, rule, rule.Message(new ReasonFacts(origin.Spec, "")));
    }

    /// <summary>
    /// The paused annotation is gone but Ready still says Paused (nothing else rewrites status while nothing is
    /// due): restore the registered state, or say a registration is pending.
    /// </summary>
    public static StatusChange Unpaused(GongIntegrationOrigin origin, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var ready = Conditions.Find(origin.Status?.Conditions, ConditionTypes.Ready);
        if (ready?.Reason != OriginReasons.Paused)
        {
            return new StatusChange(false, null);
        }

        var registered = ready.Status == Conditions.True && RegisteredAsSpecified(origin);
        var rule = OriginReasons.Rule(registered ? OriginReasons.Registered : OriginReasons.Registering);
        return SetConditions(origin, now, ready: registered, rule, rule.Message(new ReasonFacts(origin.Spec, "")));
    }

    private static GongIntegrationOriginStatus StampAttempt(GongIntegrationOrigin origin, string? credentialsVersion, string? reassertToken)
    {
        var status = Status(origin);
        status.ObservedGeneration = origin.Generation();
        status.CredentialsVersion = credentialsVersion;
        status.ReassertToken = reassertToken ?? status.ReassertToken;
        return status;
    }

    /// <summary>Writes an attempt's reason: its conditions, and its next attempt (backoff, or the time the outcome names).</summary>
    private static StatusChange Apply(GongIntegrationOrigin origin, ReasonRule rule, ReasonFacts facts, DateTimeOffset? notBefore, DateTimeOffset now)
    {
        var message = rule.Message(facts);
        switch (rule.Condition)
        {
            case OriginCondition.Ready:
                return Succeed(origin, now, rule, message);
            case OriginCondition.Waiting:
                ScheduleRetry(Status(origin), rule.Backoff, notBefore, now);
                return Wait(origin, now, rule, message);
            case OriginCondition.Stalled:
                ScheduleRetry(Status(origin), rule.Backoff, notBefore, now);
                SetConditions(origin, now, ready: false, rule, message, out var evt);
                return new StatusChange(true, evt);
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule.Reason, "not a reason an attempt ends in");
        }
    }

    private static void ScheduleRetry(GongIntegrationOriginStatus status, BackoffKind backoff, DateTimeOffset? notBefore, DateTimeOffset now)
    {
        DateTimeOffset? retry = null;
        if (backoff != BackoffKind.None)
        {
            status.FailedAttempts++;
            retry = now + Backoff.For(backoff, status.FailedAttempts);
        }

        if (notBefore is { } given && (retry is null || given > retry))
        {
            retry = given;
        }

        status.NextRetryTime = retry?.UtcDateTime;
    }

    private static StatusChange Succeed(GongIntegrationOrigin origin, DateTimeOffset now, ReasonRule rule, string message)
    {
        var status = Status(origin);
        status.RegisteredOrigin = origin.Spec.AllowedOrigin;
        status.RegisteredIntegrationType = origin.Spec.IntegrationType;
        status.LastRegisteredTime = KubernetesTime.WholeSeconds(now);
        status.FailedAttempts = 0;
        status.NextRetryTime = null;
        SetConditions(origin, now, ready: true, rule, message, out var evt);

        // A success always rewrites lastRegisteredTime, so it is always a change worth writing.
        return new StatusChange(true, evt);
    }

    /// <summary>A wait: an origin Gong already has at this spec stays Ready; others are not Ready yet.</summary>
    private static StatusChange Wait(GongIntegrationOrigin origin, DateTimeOffset now, ReasonRule rule, string message)
    {
        var status = Status(origin);
        var stillRegistered = Conditions.IsTrue(status.Conditions, ConditionTypes.Ready) && RegisteredAsSpecified(origin);
        if (stillRegistered)
        {
            var gen = origin.Generation();
            var readyNow = Conditions.Find(status.Conditions, ConditionTypes.Ready)!;
            var changed = Conditions.Set(status.Conditions!, ConditionTypes.Reconciling, Conditions.True, rule.Reason, message, gen, now);
            changed |= Conditions.Set(status.Conditions!, ConditionTypes.Stalled, Conditions.False, rule.Reason, NothingForAPerson, gen, now);
            changed |= Conditions.Set(status.Conditions!, ConditionTypes.Ready, Conditions.True, readyNow.Reason, readyNow.Message, gen, now);
            return new StatusChange(true, changed ? new OriginEvent(EventTypes.Warning, rule.Reason, message) : null);
        }

        SetConditions(origin, now, ready: false, rule, message, out var evt);
        return new StatusChange(true, evt);
    }

    private const string NothingForAPerson = "Nothing needs a person's action.";

    private static StatusChange SetConditions(GongIntegrationOrigin origin, DateTimeOffset now, bool ready, ReasonRule rule, string message)
    {
        var changed = SetConditions(origin, now, ready, rule, message, out var evt);
        return new StatusChange(changed, evt);
    }

    private static bool SetConditions(GongIntegrationOrigin origin, DateTimeOffset now, bool ready, ReasonRule rule, string message, out OriginEvent? evt)
    {
        var reason = rule.Reason;
        var reconciling = rule.Condition == OriginCondition.Waiting;
        var stalled = rule.Condition == OriginCondition.Stalled;
        var status = Status(origin);
        var conditions = status.Conditions ??= new List<V1Condition>();
        var before = Conditions.Find(conditions, ConditionTypes.Ready) is { } r ? (r.Status, r.Reason) : (null, null);
        var gen = origin.Generation();
        var changed = Conditions.Set(conditions, ConditionTypes.Ready, ready ? Conditions.True : Conditions.False, reason, message, gen, now);
        changed |= Conditions.Set(conditions, ConditionTypes.Reconciling, reconciling ? Conditions.True : Conditions.False, reason, reconciling ? message : "No work is pending.", gen, now);
        changed |= Conditions.Set(conditions, ConditionTypes.Stalled, stalled ? Conditions.True : Conditions.False, reason, stalled ? message : NothingForAPerson, gen, now);
        var after = (ready ? Conditions.True : Conditions.False, reason);
        evt = before == after
            ? null
            : new OriginEvent(ready || rule.Condition == OriginCondition.Paused ? EventTypes.Normal : EventTypes.Warning, reason, message);
        return changed;
    }

    private static bool RegisteredAsSpecified(GongIntegrationOrigin origin) =>
        origin.Status?.RegisteredOrigin == origin.Spec.AllowedOrigin
        && origin.Status?.RegisteredIntegrationType == origin.Spec.IntegrationType;

    private static GongIntegrationOriginStatus Status(GongIntegrationOrigin origin) => origin.Status ??= new GongIntegrationOriginStatus();
}
