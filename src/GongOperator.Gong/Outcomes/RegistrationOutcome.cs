namespace GongOperator.Gong;

/// <summary>
/// What happened to one registration: a closed set of results, each carrying Gong's requestId and errors when Gong
/// answered. Each result also says what the client does with it (retry within the call? split the call?), so those
/// decisions live with the result and not in switches elsewhere; the operator maps each result type to a condition
/// reason in its own table (<c>OriginReasons</c>), and a test there proves every type below has a row.
/// </summary>
public abstract record RegistrationOutcome
{
    private protected RegistrationOutcome(string? requestId, IReadOnlyList<string>? errors)
    {
        RequestId = requestId;
        Errors = errors ?? [];
    }

    /// <summary>Gong's requestId of the call that decided this outcome (null when no call was made or Gong sent none).</summary>
    public string? RequestId { get; }

    /// <summary>Gong's errors[] for that call (empty when none).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>No call for this origin is worth making before this time (a 429's Retry-After, the next quota window, an open circuit); null when the outcome sets none.</summary>
    public virtual DateTimeOffset? RetryNotBefore => null;

    /// <summary>Worth retrying within the same call (5xx, 408, timeouts, connection failures): the resilience pipeline asks this.</summary>
    internal virtual bool IsTransient => false;

    /// <summary>
    /// Gong answered a call of several origins with a refusal that may concern only some of them (400, 409): the
    /// worker asks the strategy to split the call so each origin gets its own answer.
    /// </summary>
    internal virtual bool MayConcernPartOfTheCall => false;
}
