using GongOperator.Gong;
using GongOperator.Kubernetes;
using GongOperator.Kubernetes.Events;
using GongOperator.Kubernetes.Status;
using GongOperator.Resources;
using k8s.Models;

namespace GongOperator.Reconciliation;

/// <summary>
/// How each step of a reconcile is written into an origin's status: pure functions that mutate a copy of the object
/// and say whether anything changed and which Event a state change deserves. Condition messages hold no volatile
/// detail (request ids, times, counts): those have their own status fields, so a repeated outcome writes nothing.
/// </summary>
public static class OriginStatusRules
{
    private const int MaxGongErrorText = 1000;

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
        var spec = origin.Spec;
        var status = Begin(origin, credentials.Version, reassertToken);
        if (outcome.RequestId is not null)
        {
            status.LastRequestId = outcome.RequestId;
        }

        switch (outcome)
        {
            case Registered registered:
                status.IntegrationId = registered.IntegrationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Succeed(origin, now, OriginReasons.Registered, $"Gong accepted {spec.AllowedOrigin} for {spec.IntegrationType}.");
            case AlreadyRegistered:
                return Succeed(origin, now, OriginReasons.AlreadyRegistered, $"Gong already has {spec.AllowedOrigin} for {spec.IntegrationType} (409 Conflict: already reported).");
            case RateLimited limited:
                status.NextRetryTime = limited.Until.UtcDateTime;
                return Wait(origin, now, OriginReasons.RateLimited, "Gong answered 429 for this company; no call is made before its Retry-After (status.nextRetryTime).");
            case QuotaExhausted quota:
                status.NextRetryTime = quota.Until.UtcDateTime;
                return Wait(origin, now, OriginReasons.QuotaExhausted, "The company's daily Gong API quota is spent; calls resume when the next quota window starts (status.nextRetryTime).");
            case Unavailable unavailable:
                status.FailedAttempts++;
                var retry = now + Backoff.Quick(status.FailedAttempts);
                if (unavailable.RetryNotBefore is { } notBefore && notBefore > retry)
                {
                    retry = notBefore;
                }

                status.NextRetryTime = retry.UtcDateTime;
                return Wait(origin, now, OriginReasons.GongUnavailable, $"Gong could not be reached or failed ({unavailable.Reason}){GongErrors(unavailable)} Retrying with backoff (status.nextRetryTime).");
            case Rejected rejected:
                return Stall(origin, now, OriginReasons.Rejected, $"Gong rejected {spec.AllowedOrigin} for {spec.IntegrationType}{GongErrors(rejected)} Fix the spec; the operator retries on a spec change or after a long backoff.");
            case Unauthorized unauthorized:
                return Stall(origin, now, OriginReasons.Unauthorized, $"Gong refused the credentials from Secret {credentials.SecretName} (HTTP {unauthorized.StatusCode}){GongErrors(unauthorized)} Fix the Secret; the operator retries when it changes.");
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "unknown registration outcome");
        }
    }

    /// <summary>The credentials could not be resolved: no call is made; a person must fix the Secret.</summary>
    public static StatusChange CredentialsProblem(GongIntegrationOrigin origin, Credentials credentials, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(credentials);
        Begin(origin, credentials.Version, origin.Metadata.Annotations?.TryGetValue(OriginAnnotations.Reassert, out var token) == true ? token : null);
        return Stall(origin, now, OriginReasons.CredentialsInvalid, $"{credentials.Problem} The operator retries when the Secret changes.");
    }

    /// <summary>The spec is invalid (written past the schema): no call, no backoff; a spec change re-triggers.</summary>
    public static StatusChange InvalidSpec(GongIntegrationOrigin origin, string problem, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var status = Status(origin);
        status.ObservedGeneration = Generation(origin);
        status.NextRetryTime = null;
        return SetConditions(origin, now, ready: false, OriginReasons.InvalidSpec, $"{problem} Fix the spec.", reconciling: false, stalled: true);
    }

    /// <summary>The paused annotation is set: Ready keeps its status, with reason Paused.</summary>
    public static StatusChange Paused(GongIntegrationOrigin origin, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var status = Status(origin);
        var ready = Conditions.IsTrue(status.Conditions, ConditionTypes.Ready) && RegisteredAsSpecified(origin);
        status.ObservedGeneration = Generation(origin);
        return SetConditions(origin, now, ready, OriginReasons.Paused, $"Paused by the {OriginAnnotations.Paused} annotation: no calls to Gong until it is removed.", reconciling: false, stalled: false);
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

        return ready.Status == Conditions.True && RegisteredAsSpecified(origin)
            ? SetConditions(origin, now, ready: true, OriginReasons.Registered, $"Gong accepted {origin.Spec.AllowedOrigin} for {origin.Spec.IntegrationType}.", reconciling: false, stalled: false)
            : SetConditions(origin, now, ready: false, OriginReasons.Registering, $"Registering {origin.Spec.AllowedOrigin} for {origin.Spec.IntegrationType} with Gong once its wait ends (status.nextRetryTime).", reconciling: true, stalled: false);
    }

    private static GongIntegrationOriginStatus Begin(GongIntegrationOrigin origin, string? credentialsVersion, string? reassertToken)
    {
        var status = Status(origin);
        status.ObservedGeneration = Generation(origin);
        status.CredentialsVersion = credentialsVersion;
        status.ReassertToken = reassertToken ?? status.ReassertToken;
        return status;
    }

    private static StatusChange Succeed(GongIntegrationOrigin origin, DateTimeOffset now, string reason, string message)
    {
        var status = Status(origin);
        status.RegisteredOrigin = origin.Spec.AllowedOrigin;
        status.RegisteredIntegrationType = origin.Spec.IntegrationType;
        status.LastRegisteredTime = KubernetesTime.WholeSeconds(now);
        status.FailedAttempts = 0;
        status.NextRetryTime = null;
        SetConditions(origin, now, ready: true, reason, message, reconciling: false, stalled: false, out var evt);

        // A success always rewrites lastRegisteredTime, so it is always a change worth writing.
        return new StatusChange(true, evt);
    }

    /// <summary>A transient wait: an origin Gong already has at this spec stays Ready; others are not Ready yet.</summary>
    private static StatusChange Wait(GongIntegrationOrigin origin, DateTimeOffset now, string reason, string message)
    {
        var status = Status(origin);
        var stillRegistered = Conditions.IsTrue(status.Conditions, ConditionTypes.Ready) && RegisteredAsSpecified(origin);
        if (stillRegistered)
        {
            var gen = Generation(origin);
            var changed = Conditions.Set(status.Conditions!, ConditionTypes.Reconciling, Conditions.True, reason, message, gen, now);
            changed |= Conditions.Set(status.Conditions!, ConditionTypes.Stalled, Conditions.False, reason, "Nothing needs a person's action.", gen, now);
            changed |= Conditions.Set(status.Conditions!, ConditionTypes.Ready, Conditions.True, Conditions.Find(status.Conditions, ConditionTypes.Ready)!.Reason, Conditions.Find(status.Conditions, ConditionTypes.Ready)!.Message, gen, now);
            return new StatusChange(true, changed ? new OriginEvent(EventTypes.Warning, reason, message) : null);
        }

        SetConditions(origin, now, ready: false, reason, message, reconciling: true, stalled: false, out var evt);
        return new StatusChange(true, evt);
    }

    private static StatusChange Stall(GongIntegrationOrigin origin, DateTimeOffset now, string reason, string message)
    {
        var status = Status(origin);
        status.FailedAttempts++;
        status.NextRetryTime = (now + Backoff.Slow(status.FailedAttempts)).UtcDateTime;
        SetConditions(origin, now, ready: false, reason, message, reconciling: false, stalled: true, out var evt);
        return new StatusChange(true, evt);
    }

    private static StatusChange SetConditions(GongIntegrationOrigin origin, DateTimeOffset now, bool ready, string reason, string message, bool reconciling, bool stalled)
    {
        var changed = SetConditions(origin, now, ready, reason, message, reconciling, stalled, out var evt);
        return new StatusChange(changed, evt);
    }

    private static bool SetConditions(GongIntegrationOrigin origin, DateTimeOffset now, bool ready, string reason, string message, bool reconciling, bool stalled, out OriginEvent? evt)
    {
        var status = Status(origin);
        var conditions = status.Conditions ??= new List<V1Condition>();
        var before = Conditions.Find(conditions, ConditionTypes.Ready) is { } r ? (r.Status, r.Reason) : (null, null);
        var gen = Generation(origin);
        var changed = Conditions.Set(conditions, ConditionTypes.Ready, ready ? Conditions.True : Conditions.False, reason, message, gen, now);
        changed |= Conditions.Set(conditions, ConditionTypes.Reconciling, reconciling ? Conditions.True : Conditions.False, reason, reconciling ? message : "No work is pending.", gen, now);
        changed |= Conditions.Set(conditions, ConditionTypes.Stalled, stalled ? Conditions.True : Conditions.False, reason, stalled ? message : "Nothing needs a person's action.", gen, now);
        var after = (ready ? Conditions.True : Conditions.False, reason);
        evt = before == after
            ? null
            : new OriginEvent(ready || reason == OriginReasons.Paused ? EventTypes.Normal : EventTypes.Warning, reason, message);
        return changed;
    }

    private static bool RegisteredAsSpecified(GongIntegrationOrigin origin) =>
        origin.Status?.RegisteredOrigin == origin.Spec.AllowedOrigin
        && origin.Status?.RegisteredIntegrationType == origin.Spec.IntegrationType;

    private static string GongErrors(RegistrationOutcome outcome)
    {
        if (outcome.Errors.Count == 0)
        {
            return ".";
        }

        var text = string.Join("; ", outcome.Errors);
        return ": " + (text.Length > MaxGongErrorText ? text[..MaxGongErrorText] + "…" : text).TrimEnd('.') + ".";
    }

    private static GongIntegrationOriginStatus Status(GongIntegrationOrigin origin) => origin.Status ??= new GongIntegrationOriginStatus();

    private static long Generation(GongIntegrationOrigin origin) => origin.Metadata.Generation ?? 1;
}
