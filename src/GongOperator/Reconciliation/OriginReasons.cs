using GongOperator.Gong;

namespace GongOperator.Reconciliation;

/// <summary>
/// The reason table: every condition reason the operator writes, and in one row each what it means — which condition
/// it sets, how the next attempt is scheduled, whether a Secret change ends its wait, whether it counts as success, and
/// its message. Gong's answers map here by type; the status rules, the planner and the metrics read these rows, a test
/// proves every outcome type has exactly one, and another checks the README's reason table against them.
/// </summary>
public static class OriginReasons
{
    /// <summary>Ready=True: Gong accepted the origin (200).</summary>
    public const string Registered = "Registered";

    /// <summary>Ready=True: Gong answered 409, it already has the origin.</summary>
    public const string AlreadyRegistered = "AlreadyRegistered";

    /// <summary>Reconciling=True: a call is due and waiting for its turn (written when a pause ends before the call).</summary>
    public const string Registering = "Registering";

    /// <summary>Reconciling=True: Gong answered 429; waiting until Retry-After.</summary>
    public const string RateLimited = "RateLimited";

    /// <summary>Reconciling=True: the company's daily quota is spent; waiting for the next window.</summary>
    public const string QuotaExhausted = "QuotaExhausted";

    /// <summary>Reconciling=True: 5xx, timeout or reset; retrying with backoff.</summary>
    public const string GongUnavailable = "GongUnavailable";

    /// <summary>Stalled=True: Gong answered 400.</summary>
    public const string Rejected = "Rejected";

    /// <summary>Stalled=True: fullSet, and the company's set is larger than one call may carry; no call was made.</summary>
    public const string SetTooLarge = "SetTooLarge";

    /// <summary>Stalled=True: fullSet, and the company's origins use Secrets with different credentials for it; no call was made.</summary>
    public const string SetCredentialsDiffer = "SetCredentialsDiffer";

    /// <summary>Stalled=True: Gong answered 401 or 403.</summary>
    public const string Unauthorized = "Unauthorized";

    /// <summary>Stalled=True: Gong's token endpoint refused the OAuth refresh token (invalid_grant, or any 400/401).</summary>
    public const string AuthorizationRevoked = "AuthorizationRevoked";

    /// <summary>Stalled=True: the credentials Secret is missing or does not hold usable credentials.</summary>
    public const string CredentialsInvalid = "CredentialsInvalid";

    /// <summary>Stalled=True: the origin's namespace may not use the operator-wide default credentials (no call).</summary>
    public const string CredentialsNotAllowed = "CredentialsNotAllowed";

    /// <summary>Stalled=True: the origin is outside the host suffixes its credentials allow (no call).</summary>
    public const string OriginNotAllowed = "OriginNotAllowed";

    /// <summary>Stalled=True: the spec is invalid.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>The gongoperator.io/paused annotation stops all calls.</summary>
    public const string Paused = "Paused";

    private const int MaxGongErrorText = 1000;

    // Gong names an integrationId only in the 200 that registers an origin and cannot be asked again: say why it is missing.
    private const string IdNotKnown = " Its integrationId is not known: Gong gives it only in the answer to the call that registered the origin, and that answer was never recorded here (the origin was registered outside this operator, or the operator stopped or lost the answer before writing it).";

    /// <summary>The table, in the README's order.</summary>
    public static IReadOnlyList<ReasonRule> Table { get; } =
    [
        ReasonRule.From<Registered>(Registered, OriginCondition.Ready, BackoffKind.None, false, true, (_, f) => Accepted(f)),
        ReasonRule.From<AlreadyRegistered>(AlreadyRegistered, OriginCondition.Ready, BackoffKind.None, false, true,
            (_, f) => $"Gong already has {f.Spec.AllowedOrigin} for {f.Spec.IntegrationType} (409 Conflict: already reported)." + (f.IntegrationIdUnknown ? IdNotKnown : "")),
        ReasonRule.Without(Registering, OriginCondition.Waiting, BackoffKind.None, false,
            f => $"Registering {f.Spec.AllowedOrigin} for {f.Spec.IntegrationType} with Gong once its wait ends (status.nextRetryTime)."),
        ReasonRule.From<RateLimited>(RateLimited, OriginCondition.Waiting, BackoffKind.None, false, false,
            (_, _) => "Gong answered 429 for this company; no call is made before its Retry-After (status.nextRetryTime)."),
        ReasonRule.From<QuotaExhausted>(QuotaExhausted, OriginCondition.Waiting, BackoffKind.None, false, false,
            (_, _) => "The company's daily Gong API quota is spent; calls resume when the next quota window starts (status.nextRetryTime)."),
        ReasonRule.From<Unavailable>(GongUnavailable, OriginCondition.Waiting, BackoffKind.AfterTransientFailure, false, false,
            (o, _) => $"Gong could not be reached or failed ({o.Reason}){GongErrors(o)} Retrying with backoff (status.nextRetryTime)."),
        ReasonRule.From<Rejected>(Rejected, OriginCondition.Stalled, BackoffKind.AfterFailureNeedingAPerson, false, false,
            (o, f) => $"Gong rejected {f.Spec.AllowedOrigin} for {f.Spec.IntegrationType}{GongErrors(o)} Fix the spec; the operator retries on a spec change or after a long backoff."),
        ReasonRule.From<SetTooLarge>(SetTooLarge, OriginCondition.Stalled, BackoffKind.AfterFailureNeedingAPerson, false, false,
            (o, _) => $"The company's fullSet holds {o.Size} origins, more than the {o.MaxSetSize} one call may carry (--gong-max-set-size), and a call may not carry less than the whole set: no call was made. Raise the limit, split the company, or use the incremental strategy."),
        ReasonRule.From<SetCredentialsDiffer>(SetCredentialsDiffer, OriginCondition.Stalled, BackoffKind.AfterFailureNeedingAPerson, true, false,
            (o, f) => $"The company's fullSet spans origins whose Secrets give it {o.CredentialSets} different credentials (one access key id, different secrets); one call carries one set of credentials, and leaving the others' origins out would delete them: no call was made. Give every Secret of this company the same credentials (this one is {f.SecretName}), or use the incremental strategy; the operator retries when the Secret changes."),
        ReasonRule.From<Unauthorized>(Unauthorized, OriginCondition.Stalled, BackoffKind.AfterFailureNeedingAPerson, true, false,
            (o, f) => $"Gong refused the credentials from Secret {f.SecretName} (HTTP {o.StatusCode}){GongErrors(o)} Fix the Secret; the operator retries when it changes."),
        ReasonRule.From<AuthorizationRevoked>(AuthorizationRevoked, OriginCondition.Stalled, BackoffKind.AfterFailureNeedingAPerson, true, false,
            (o, f) => $"Gong's token endpoint refused the refresh token of the OAuth authorization in Secret {f.SecretName} (HTTP {o.StatusCode}{(o.Error is null ? "" : " " + o.Error)}): the customer must re-authorize the app in Gong, and the new refresh token go into Secret {f.SecretName} as {CredentialsResolver.RefreshTokenField}. The operator retries as soon as that Secret changes."),
        ReasonRule.Without(CredentialsInvalid, OriginCondition.Stalled, BackoffKind.AfterFailureNeedingAPerson, true,
            f => $"{f.Problem} The operator retries when the Secret changes."),
        // No backoff: a refusal by policy is re-checked on every reconcile, and the changes that can lift it (the
        // namespace's labels, the Secret, the spec, the operator's flags at a restart) each bring one.
        ReasonRule.Without(CredentialsNotAllowed, OriginCondition.Stalled, BackoffKind.None, true, f => $"{f.Problem} No call is made."),
        ReasonRule.Without(OriginNotAllowed, OriginCondition.Stalled, BackoffKind.None, true, f => $"{f.Problem} No call is made."),
        ReasonRule.Without(InvalidSpec, OriginCondition.Stalled, BackoffKind.None, false, f => $"{f.Problem} Fix the spec."),
        ReasonRule.Without(Paused, OriginCondition.Paused, BackoffKind.None, false,
            _ => $"Paused by the {OriginAnnotations.Paused} annotation: no calls to Gong until it is removed."),
    ];

    // Declared after Table: static initializers run in text order.
    private static readonly Dictionary<string, ReasonRule> ByReason = Table.ToDictionary(r => r.Reason, StringComparer.Ordinal);
    private static readonly Dictionary<Type, ReasonRule> ByOutcome = Table.Where(r => r.Outcome is not null).ToDictionary(r => r.Outcome!);

    /// <summary>The row of <paramref name="reason"/>; throws for a reason not in the table.</summary>
    public static ReasonRule Rule(string reason) =>
        ByReason.TryGetValue(reason, out var rule) ? rule : throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a reason in the table");

    /// <summary>The row of <paramref name="reason"/>, or null (no condition yet, or a reason an older version wrote).</summary>
    public static ReasonRule? Find(string? reason) => reason is not null && ByReason.TryGetValue(reason, out var rule) ? rule : null;

    /// <summary>The row Gong's answer leads to.</summary>
    public static ReasonRule For(RegistrationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return ByOutcome.TryGetValue(outcome.GetType(), out var rule)
            ? rule
            : throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "an outcome with no row in the reason table");
    }

    private static string Accepted(ReasonFacts f) => $"Gong accepted {f.Spec.AllowedOrigin} for {f.Spec.IntegrationType}.";

    private static string GongErrors(RegistrationOutcome outcome)
    {
        if (outcome.Errors.Count == 0)
        {
            return ".";
        }

        var text = string.Join("; ", outcome.Errors);
        return ": " + (text.Length > MaxGongErrorText ? text[..MaxGongErrorText] + "…" : text).TrimEnd('.') + ".";
    }
}
