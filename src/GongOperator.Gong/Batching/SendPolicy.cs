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
    // A lone origin on an idle company waits this at most, however long the linger.
    private readonly TimeSpan _quietGap = options.BatchLinger < GongClientOptions.BatchLingerQuietGap ? options.BatchLinger : GongClientOptions.BatchLingerQuietGap;

    /// <inheritdoc />
    public SendDecision Decide(BudgetDecision budget, WaitingOrigins waiting) => budget.Verdict switch
    {
        BudgetVerdict.Granted => SendOrLinger(budget.At, waiting),

        // The worker waits out the per-second pace before it asks (CompanyCalls.WaitForPaceAsync), coalescing whatever
        // arrives meanwhile; a caller that asks without waiting is told to wait for the token.
        BudgetVerdict.WaitForToken => new SendDecision.WaitUntil(budget.At),

        // Closed by a 429 or the daily quota: everyone waiting hears it now, no call is made.
        _ => new SendDecision.AnswerAll(budget.ToClosedOutcome()),
    };

    /// <summary>
    /// Without a linger, whatever waits leaves now, up to the batch size. With one, a partial batch waits while origins
    /// keep arriving: it leaves when full, after a quiet gap since the last arrival, or once its oldest origin has
    /// waited the linger. The pace's own wait counts: origins that gathered during it and went quiet leave at once.
    /// </summary>
    private SendDecision SendOrLinger(DateTimeOffset now, WaitingOrigins waiting)
    {
        var send = new SendDecision.Send(Math.Min(waiting.Count, options.MaxBatchSize));
        if (options.BatchLinger <= TimeSpan.Zero || waiting.Count >= options.MaxBatchSize)
        {
            return send;
        }

        var quiet = waiting.NewestSince + _quietGap;
        var lingered = waiting.OldestSince + options.BatchLinger;
        var leaveAt = quiet < lingered ? quiet : lingered;
        return now >= leaveAt ? send : new SendDecision.WaitUntil(leaveAt);
    }
}
