namespace GongOperator.Gong;

/// <summary>What happened to one registration: a closed set of results, each carrying Gong's requestId and errors when Gong answered.</summary>
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
}
