using GongOperator.Gong.Budget;

namespace GongOperator.Gong.Batching;

/// <summary>
/// When a company's waiting registrations leave, decided without I/O from the budget's answer and what waits. What a
/// call contains is the strategy's decision (<see cref="IRegistrationStrategy"/>); this is only "when" and "how many".
/// A rule such as "wait at most so long for a fuller batch" belongs here, as a <see cref="SendDecision.WaitUntil"/>
/// (the worker waits until then or until another registration arrives, then asks again).
/// </summary>
internal sealed class SendPolicy(GongClientOptions options) : ISendPolicy
{
    /// <inheritdoc />
    public SendDecision Decide(BudgetDecision budget, WaitingOrigins waiting) => budget.Verdict switch
    {
        // Batching adds no delay when the budget is free: whatever waits leaves now, up to the batch size.
        BudgetVerdict.Granted => new SendDecision.Send(Math.Min(waiting.Count, options.MaxBatchSize)),

        // The worker waits out the per-second pace before it asks (CompanyCalls.WaitForPaceAsync), coalescing whatever
        // arrives meanwhile; a caller that asks without waiting is told to wait for the token.
        BudgetVerdict.WaitForToken => new SendDecision.WaitUntil(budget.At),

        // Closed by a 429 or the daily quota: everyone waiting hears it now, no call is made.
        _ => new SendDecision.AnswerAll(budget.ToClosedOutcome()),
    };
}
