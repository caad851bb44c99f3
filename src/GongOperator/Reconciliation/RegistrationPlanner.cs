using System.Security.Cryptography;
using System.Text;
using GongOperator.Gong;
using GongOperator.Resources;

namespace GongOperator.Reconciliation;

/// <summary>
/// Decides what a reconcile does with an origin: write an answer Gong gave, wait for one, stall on bad credentials,
/// repair a stale Paused, or (from the object alone) whether a Gong call is due now, and when to look again.
/// Pure: no I/O, time passed in. The order of the checks is the policy; each check is one small rule.
/// </summary>
public sealed class RegistrationPlanner
{
    /// <summary>Default period of re-assertion (drift repair): 24 hours.</summary>
    public static readonly TimeSpan DefaultReassertPeriod = TimeSpan.FromHours(24);

    /// <summary>The shortest requeue, so a plan that still says "register" after a write cannot spin.</summary>
    public static readonly TimeSpan MinimumRequeue = TimeSpan.FromSeconds(1);

    /// <summary>Re-assertions are spread over this fraction of the period after it, per object.</summary>
    public const double ReassertJitterFraction = 0.1;

    /// <summary>The generation a fullSet removal (the set sent without a deleted origin) is filed under in <see cref="PendingRegistrations"/>.</summary>
    public const long RemovalGeneration = -1;

    /// <summary>How long a failed fullSet removal waits at least before it is tried again.</summary>
    public static readonly TimeSpan RemovalRetry = TimeSpan.FromSeconds(10);

    private readonly TimeSpan _reassertPeriod;
    private readonly RegistrationStrategyKind _defaultStrategy;

    /// <summary>
    /// Creates a planner; a zero period disables periodic re-assertion. <paramref name="defaultStrategy"/> is the
    /// operator's --registration-strategy; a Secret's registrationStrategy key wins over it.
    /// </summary>
    public RegistrationPlanner(TimeSpan reassertPeriod, RegistrationStrategyKind defaultStrategy = RegistrationStrategyKind.Incremental)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reassertPeriod, TimeSpan.Zero);
        _reassertPeriod = reassertPeriod;
        _defaultStrategy = defaultStrategy;
    }

    /// <summary>True when the origin's company, as its credentials resolve now, registers its whole set per call.</summary>
    public bool UsesFullSet(Credentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.Company is { } company && (company.Strategy ?? _defaultStrategy) == RegistrationStrategyKind.FullSet;
    }

    /// <summary>
    /// Plans a reconcile of an origin that is gone (<paramref name="origin"/> null) or being deleted. Without the
    /// fullSet finalizer there is nothing to do but forget it. With it: a company that no longer uses fullSet,
    /// credentials that no longer resolve (its namespace is going with its Secret), or an origin the tenant rules now
    /// refuse, release it at once, so nothing wedges a deletion (the company's next fullSet call leaves the origin out
    /// anyway); otherwise the set without the
    /// origin is sent, and the finalizer released once Gong accepted it.
    /// </summary>
    public RegistrationPlan PlanDeletion(GongIntegrationOrigin? origin, Credentials? credentials, PendingRegistration? inFlight, DateTimeOffset now)
    {
        if (origin is null || !FullSetRegistration.Holds(origin))
        {
            return new RegistrationPlan.Forget();
        }

        // Not in any set (another strategy, credentials gone, refused by the tenant rules or the spec): no call of the
        // company's carries it any more, so its deletion waits for nothing.
        if (credentials is null || !UsesFullSet(credentials) || !MayRegister(origin, credentials))
        {
            return new RegistrationPlan.Release(RemovedFromGong: false);
        }

        if (inFlight is null || inFlight.Generation != RemovalGeneration)
        {
            return new RegistrationPlan.SendSetWithout();
        }

        if (!inFlight.Outcome.IsCompleted)
        {
            return new RegistrationPlan.AwaitAnswer();
        }

        if (inFlight.Outcome.IsCanceled)
        {
            return new RegistrationPlan.Wait(now + MinimumRequeue);
        }

        var outcome = inFlight.Outcome.IsCompletedSuccessfully
            ? inFlight.Outcome.Result
            : Unavailable.UnexpectedClientFailure(inFlight.Outcome.Exception!.InnerException!.GetType().Name);
        if (outcome is Registered)
        {
            return new RegistrationPlan.Release(RemovedFromGong: true);
        }

        var retryAt = outcome.RetryNotBefore is { } notBefore && notBefore - now > RemovalRetry ? notBefore : now + RemovalRetry;
        return new RegistrationPlan.RemovalFailed(outcome, retryAt);
    }

    /// <summary>
    /// Plans a reconcile of <paramref name="origin"/>: first the registration in flight for it (if any), then the object
    /// itself with its resolved <paramref name="credentials"/>.
    /// </summary>
    public RegistrationPlan Plan(GongIntegrationOrigin origin, Credentials credentials, PendingRegistration? inFlight, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(credentials);

        // A removal is about a deletion that is no longer under way: this object is planned afresh.
        if (inFlight is { Generation: RemovalGeneration })
        {
            inFlight = null;
        }

        if (inFlight is not null)
        {
            if (!inFlight.Outcome.IsCompleted)
            {
                return new RegistrationPlan.AwaitAnswer();
            }

            // A registration cancelled (lease lost, shutdown) or about an older spec is simply planned again; one that
            // failed in an unexpected way counts as Gong being unavailable, so the normal backoff applies.
            if (!inFlight.Outcome.IsCanceled && AnswerStillApplies(inFlight, origin))
            {
                var outcome = inFlight.Outcome.IsCompletedSuccessfully
                    ? inFlight.Outcome.Result
                    : Unavailable.UnexpectedClientFailure(inFlight.Outcome.Exception!.InnerException!.GetType().Name);
                return new RegistrationPlan.WriteAnswer(inFlight, outcome);
            }
        }

        // An answer is written first. fullSet holds an origin's deletion until a call without it succeeded; any other
        // strategy releases the hold. The patch changes the object: its watch event brings the reconcile that plans on.
        if (UsesFullSet(credentials) != FullSetRegistration.Holds(origin))
        {
            return FullSetRegistration.Holds(origin) ? new RegistrationPlan.Release(RemovedFromGong: false) : new RegistrationPlan.Hold();
        }

        return PlanCall(origin, credentials, now);
    }

    /// <summary>
    /// Whether a Gong call is due for <paramref name="origin"/> with its resolved <paramref name="credentials"/>, and
    /// what refuses it (credentials, tenant policy): the decision alone, without a registration in flight or the
    /// fullSet finalizer (<c>gong-operator plan</c> asks exactly this).
    /// </summary>
    public RegistrationPlan PlanCall(GongIntegrationOrigin origin, Credentials credentials, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(credentials);
        return Refuse(origin, credentials, Plan(origin, credentials.Version, now), secretRead: true);
    }

    /// <summary>
    /// <see cref="PlanCall"/> for an origin whose Secret cannot be read (<c>gong-operator plan</c> given files without
    /// it): <paramref name="policy"/> is <see cref="CredentialsResolver.WithoutSecret"/>, so the tenant policy's rules
    /// that need no Secret refuse as in a reconcile; what the Secret itself would hold is not judged.
    /// </summary>
    public RegistrationPlan PlanCallWithoutSecret(GongIntegrationOrigin origin, Credentials policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(policy);
        return Refuse(origin, policy, Plan(origin, null, now), secretRead: false);
    }

    private static RegistrationPlan Refuse(GongIntegrationOrigin origin, Credentials credentials, RegistrationPlan plan, bool secretRead) => plan switch
    {
        RegistrationPlan.Register when credentials.NotAllowedInNamespace is { } refused => new RegistrationPlan.NotAllowed(OriginReasons.CredentialsNotAllowed, refused),
        RegistrationPlan.Register when secretRead && !credentials.Usable => new RegistrationPlan.FixCredentials(credentials.Problem ?? ""),
        RegistrationPlan.Register when OriginRefusedBy(origin, credentials) is { } policy => new RegistrationPlan.NotAllowed(
            OriginReasons.OriginNotAllowed,
            $"{origin.Spec.AllowedOrigin} is not under {policy.Source} ({policy.Describe()}): the platform team decides which host names origins using this Secret may name."),
        RegistrationPlan.UpToDate upToDate when origin.ReadyReason() == OriginReasons.Paused => new RegistrationPlan.Unpause(upToDate.RecheckAt),
        RegistrationPlan.Wait wait when origin.ReadyReason() == OriginReasons.Paused => new RegistrationPlan.Unpause(wait.Until),
        _ => plan,
    };

    /// <summary>
    /// True when <paramref name="origin"/> may be registered with <paramref name="credentials"/> at all: a valid spec,
    /// credentials that resolve, and a tenant policy that allows both (a fullSet call carries only such origins).
    /// </summary>
    public static bool MayRegister(GongIntegrationOrigin origin, Credentials credentials)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(credentials);
        return ValidateSpec(origin.Spec) is null
            && credentials.Company is not null
            && credentials.NotAllowedInNamespace is null
            && OriginRefusedBy(origin, credentials) is null;
    }

    /// <summary>The first suffix list of <paramref name="credentials"/> that <paramref name="origin"/> is outside, or null.</summary>
    private static OriginSuffixes? OriginRefusedBy(GongIntegrationOrigin origin, Credentials credentials) =>
        credentials.OriginPolicies.FirstOrDefault(p => !p.Allows(origin.Spec.AllowedOrigin));

    /// <summary>An answer is written only if it is still about the object as it is now (same generation and request).</summary>
    public static bool AnswerStillApplies(PendingRegistration registration, GongIntegrationOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(origin);
        return registration.Generation == origin.Generation()
            && registration.Sent == new OriginRegistration(origin.Spec.IntegrationType, origin.Spec.AllowedOrigin);
    }

    /// <summary>When to reconcile again after acting on <paramref name="plan"/>; null: only on a change.</summary>
    public static TimeSpan? RequeueAfter(RegistrationPlan plan, DateTimeOffset now) => plan switch
    {
        RegistrationPlan.UpToDate { RecheckAt: { } at } => Max(at - now, MinimumRequeue),
        RegistrationPlan.Unpause { RecheckAt: { } at } => Max(at - now, MinimumRequeue),
        RegistrationPlan.Wait wait => Max(wait.Until - now, MinimumRequeue),
        RegistrationPlan.Register or RegistrationPlan.FixCredentials => MinimumRequeue,

        // A refusal by policy waits for a change (namespace labels, Secret, spec), each of which enqueues the origin.
        RegistrationPlan.NotAllowed => null,
        _ => null,
    };

    /// <summary>
    /// Plans from the object alone whether a Gong call is due; <paramref name="credentialsVersion"/> is the Secret's
    /// resourceVersion. After a status write this plan of the written object says when to look again.
    /// </summary>
    public RegistrationPlan Plan(GongIntegrationOrigin origin, string? credentialsVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (origin.IsPausedByAnnotation())
        {
            return new RegistrationPlan.Paused();
        }

        if (ValidateSpec(origin.Spec) is { } invalid)
        {
            return new RegistrationPlan.Invalid(invalid);
        }

        var status = origin.Status;
        var generation = origin.Generation();
        if (origin.ReassertToken() is { Length: > 0 } token && token != status?.ReassertToken)
        {
            return new RegistrationPlan.Register(RegistrationCause.ReassertRequested);
        }

        if (status is null || status.ObservedGeneration != generation)
        {
            return new RegistrationPlan.Register(status?.RegisteredOrigin is null ? RegistrationCause.New : RegistrationCause.SpecChanged);
        }

        var ready = origin.IsReady();
        if (!ready && credentialsVersion is not null && credentialsVersion != status.CredentialsVersion && WaitsForCredentials(origin))
        {
            return new RegistrationPlan.Register(RegistrationCause.CredentialsChanged);
        }

        if (status.NextRetryTime is { } retry && ToOffset(retry) > now)
        {
            return new RegistrationPlan.Wait(ToOffset(retry));
        }

        // A wait has passed (or a transient failure hit an origin Gong already had): try again.
        if (!ready || status.NextRetryTime is not null)
        {
            return new RegistrationPlan.Register(RegistrationCause.Retry);
        }

        if (_reassertPeriod == TimeSpan.Zero || status.LastRegisteredTime is null)
        {
            return new RegistrationPlan.UpToDate(null);
        }

        var due = ToOffset(status.LastRegisteredTime.Value) + _reassertPeriod * (1 + (ReassertJitterFraction * Spread(origin)));
        return now >= due
            ? new RegistrationPlan.Register(RegistrationCause.PeriodicReassert)
            : new RegistrationPlan.UpToDate(due);
    }

    /// <summary>Defence in depth: the same rules as the CRD schema, for objects written past it.</summary>
    public static string? ValidateSpec(GongIntegrationOriginSpec? spec)
    {
        if (spec is null)
        {
            return "spec is required.";
        }

        if (!IntegrationTypes.All.Contains(spec.IntegrationType))
        {
            return $"spec.integrationType \"{spec.IntegrationType}\" is not one of {string.Join(", ", IntegrationTypes.All)}.";
        }

        if (OriginRules.Validate(spec.AllowedOrigin) is { } origin)
        {
            return origin;
        }

        var secret = spec.CredentialsSecretRef?.Name;
        if (secret is not null && (secret.Length == 0 || secret.Contains('/', StringComparison.Ordinal)))
        {
            return $"spec.credentialsSecretRef.name \"{secret}\" must name a Secret in the resource's own namespace.";
        }

        return null;
    }

    /// <summary>Only a failure the credentials caused ends its wait when the Secret changes (a 400 does not): the reason table says which.</summary>
    private static bool WaitsForCredentials(GongIntegrationOrigin origin) =>
        OriginReasons.Find(origin.ReadyReason())?.EndsWaitOnSecretChange == true;

    /// <summary>A stable number in [0, 1) per object, so re-assertions of many origins do not all fall due at once.</summary>
    private static double Spread(GongIntegrationOrigin origin)
    {
        var identity = origin.Metadata.Uid ?? $"{origin.Metadata.NamespaceProperty}/{origin.Metadata.Name}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(identity));
        return BitConverter.ToUInt32(hash, 0) / (uint.MaxValue + 1.0);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset ToOffset(DateTime time) =>
        new(DateTime.SpecifyKind(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time, DateTimeKind.Utc));
}
