namespace GongOperator.Gong;

/// <summary>Gong answered 409 for this origin alone: it already has it.</summary>
public sealed record AlreadyRegistered : RegistrationOutcome
{
    /// <summary>Creates the outcome.</summary>
    public AlreadyRegistered(string? requestId, IReadOnlyList<string>? errors)
        : base(requestId, errors)
    {
    }
}
