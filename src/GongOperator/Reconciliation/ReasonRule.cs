using GongOperator.Gong;

namespace GongOperator.Reconciliation;

/// <summary>One row of the reason table (<see cref="OriginReasons.Table"/>): everything a reason means for an origin.</summary>
/// <param name="Reason">The condition reason written to status.</param>
/// <param name="Condition">Which condition it sets True.</param>
/// <param name="Backoff">How the next attempt is scheduled.</param>
/// <param name="EndsWaitOnSecretChange">Whether a change of the credentials Secret retries at once (only for failures the credentials caused).</param>
/// <param name="CountsAsSuccess">Whether it counts as a successful registration (the last-success metric).</param>
/// <param name="Outcome">The Gong outcome type that leads to it; null for reasons found without calling Gong.</param>
/// <param name="Message">The condition message; it holds no volatile detail, so a repeated outcome rewrites nothing.</param>
public sealed record ReasonRule(
    string Reason,
    OriginCondition Condition,
    BackoffKind Backoff,
    bool EndsWaitOnSecretChange,
    bool CountsAsSuccess,
    Type? Outcome,
    Func<ReasonFacts, string> Message)
{
    /// <summary>A reason reached from Gong's answer <typeparamref name="TOutcome"/>, whose message may read the answer.</summary>
    public static ReasonRule From<TOutcome>(string reason, OriginCondition condition, BackoffKind backoff, bool endsWaitOnSecretChange, bool countsAsSuccess, Func<TOutcome, ReasonFacts, string> message)
        where TOutcome : RegistrationOutcome
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ReasonRule(reason, condition, backoff, endsWaitOnSecretChange, countsAsSuccess, typeof(TOutcome), facts => message((TOutcome)facts.Outcome!, facts));
    }

    /// <summary>A reason found without calling Gong.</summary>
    public static ReasonRule Without(string reason, OriginCondition condition, BackoffKind backoff, bool endsWaitOnSecretChange, Func<ReasonFacts, string> message) =>
        new(reason, condition, backoff, endsWaitOnSecretChange, CountsAsSuccess: false, Outcome: null, message);
}
