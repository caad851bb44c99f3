namespace GongOperator.Gong;

/// <summary>Gong answered 409 for this origin alone: it already has it.</summary>
public sealed record AlreadyRegistered : RegistrationOutcome
{
    /// <summary>Creates the outcome.</summary>
    public AlreadyRegistered(string? requestId, IReadOnlyList<string>? errors)
        : base(requestId, errors)
    {
    }

    /// <summary>A 409 for a batch may be about one origin in it (whether Gong answers a partial 409 is not documented).</summary>
    internal override bool MayConcernPartOfTheCall => true;
}
