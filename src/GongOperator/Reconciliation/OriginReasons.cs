namespace GongOperator.Reconciliation;

/// <summary>The condition reasons the operator writes; the README's troubleshooting section explains each.</summary>
public static class OriginReasons
{
    /// <summary>Ready=True: Gong accepted the origin (200).</summary>
    public const string Registered = "Registered";

    /// <summary>Ready=True: Gong answered 409, it already has the origin.</summary>
    public const string AlreadyRegistered = "AlreadyRegistered";

    /// <summary>Reconciling=True: a call is due and waiting for its turn.</summary>
    public const string Registering = "Registering";

    /// <summary>Reconciling=True: Gong answered 429; waiting until Retry-After.</summary>
    public const string RateLimited = "RateLimited";

    /// <summary>Reconciling=True: the company's daily quota is spent; waiting for the next window.</summary>
    public const string QuotaExhausted = "QuotaExhausted";

    /// <summary>Reconciling=True: 5xx, timeout or reset; retrying with backoff.</summary>
    public const string GongUnavailable = "GongUnavailable";

    /// <summary>Stalled=True: the spec is invalid.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>Stalled=True: Gong answered 400.</summary>
    public const string Rejected = "Rejected";

    /// <summary>Stalled=True: Gong answered 401 or 403.</summary>
    public const string Unauthorized = "Unauthorized";

    /// <summary>Stalled=True: the credentials Secret is missing or does not hold usable credentials.</summary>
    public const string CredentialsInvalid = "CredentialsInvalid";

    /// <summary>The gongoperator.io/paused annotation stops all calls.</summary>
    public const string Paused = "Paused";

    /// <summary>Reconciling=False / Stalled=False: nothing pending.</summary>
    public const string Idle = "Idle";
}
