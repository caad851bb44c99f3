namespace GongOperator.Gong.Batching;

/// <summary>What <see cref="SendPolicy"/> tells a company's worker to do with the registrations waiting now.</summary>
internal abstract record SendDecision
{
    private SendDecision()
    {
    }

    /// <summary>Make one call now, with at most <paramref name="MaxOrigins"/> of the waiting origins (the strategy picks which).</summary>
    public sealed record Send(int MaxOrigins) : SendDecision;

    /// <summary>Make no call before <paramref name="At"/>; whatever arrives meanwhile leaves with the rest.</summary>
    public sealed record WaitUntil(DateTimeOffset At) : SendDecision;

    /// <summary>Make no call: every waiting caller gets <paramref name="Outcome"/> now (the company is closed).</summary>
    public sealed record AnswerAll(RegistrationOutcome Outcome) : SendDecision;
}
