namespace GongOperator.GongSimulator;

/// <summary>The answer decided for one call, and the call as recorded.</summary>
internal sealed record GongOutcome(GongOutcomeKind Kind, SimulatedCall Call)
{
    public int Status => Call.Status;

    public int? RetryAfterSeconds => Call.RetryAfterSeconds;
}
