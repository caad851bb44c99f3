namespace GongOperator.Gong;

/// <summary>Gong answered 400 for this origin alone; <see cref="RegistrationOutcome.Errors"/> says why.</summary>
public sealed record Rejected : RegistrationOutcome
{
    /// <summary>Creates the outcome.</summary>
    public Rejected(string? requestId, IReadOnlyList<string>? errors)
        : base(requestId, errors)
    {
    }

    /// <summary>A 400 for a batch may be about one origin in it.</summary>
    internal override bool MayConcernPartOfTheCall => true;
}
