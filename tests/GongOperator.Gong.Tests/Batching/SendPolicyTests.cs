using GongOperator.Gong.Batching;
using GongOperator.Gong.Budget;

namespace GongOperator.Gong.Tests.Batching;

public sealed class SendPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private readonly SendPolicy _policy = new(new GongClientOptions { MaxBatchSize = 100 });

    [Theory]
    [InlineData(1, 1)]
    [InlineData(100, 100)]
    [InlineData(250, 100)]
    public void A_free_budget_sends_what_waits_at_once_up_to_the_batch_size(int waiting, int sent) =>
        Assert.Equal(new SendDecision.Send(sent), _policy.Decide(BudgetDecision.Granted(Now), Waiting(waiting, oldestAgoMs: 1000, newestAgoMs: 0)));

    [Fact]
    public void An_empty_bucket_waits_for_the_next_token()
    {
        var next = Now.AddMilliseconds(300);

        Assert.Equal(new SendDecision.WaitUntil(next), _policy.Decide(new BudgetDecision(BudgetVerdict.WaitForToken, next), Waiting(3, 0, 0)));
    }

    [Fact]
    public void A_closed_company_answers_everyone_without_a_call()
    {
        var until = Now.AddMinutes(1);

        Assert.Equal(new SendDecision.AnswerAll(new RateLimited(until, null, null)), _policy.Decide(new BudgetDecision(BudgetVerdict.RateLimited, until), Waiting(3, 0, 0)));
        Assert.Equal(new SendDecision.AnswerAll(new QuotaExhausted(until)), _policy.Decide(new BudgetDecision(BudgetVerdict.QuotaExhausted, until), Waiting(3, 0, 0)));
    }

    /// <summary>
    /// With a linger (ms) and a batch size of 100: the decision for what waits, given how long ago its oldest and newest
    /// origins arrived; -1 in leaveInMs means "send now", otherwise the policy waits until that many ms from now.
    /// </summary>
    [Theory]
    // A lone origin that just arrived on an idle company waits the quiet gap (250 ms), not the linger.
    [InlineData(2000, 1, 0, 0, 250)]
    // ... and leaves once the gap has passed with nothing else arriving.
    [InlineData(2000, 1, 250, 250, -1)]
    // Origins still arriving keep the batch waiting, a quiet gap after the last one.
    [InlineData(2000, 40, 600, 100, 150)]
    // Origins that gathered during the pace's wait and went quiet leave at once.
    [InlineData(2000, 40, 600, 300, -1)]
    // Arrivals that never pause leave when the oldest has waited the whole linger.
    [InlineData(2000, 60, 1900, 10, 100)]
    [InlineData(2000, 60, 2000, 10, -1)]
    // A full batch never waits.
    [InlineData(2000, 100, 0, 0, -1)]
    [InlineData(2000, 250, 0, 0, -1)]
    // A linger shorter than the quiet gap is the quiet gap too: a lone origin waits the linger.
    [InlineData(100, 1, 0, 0, 100)]
    [InlineData(100, 5, 100, 0, -1)]
    // No linger: today's behaviour, whatever arrives.
    [InlineData(0, 1, 0, 0, -1)]
    [InlineData(0, 40, 600, 0, -1)]
    public void A_linger_holds_a_partial_batch_while_origins_keep_arriving(int lingerMs, int count, int oldestAgoMs, int newestAgoMs, int leaveInMs)
    {
        var policy = new SendPolicy(new GongClientOptions { MaxBatchSize = 100, BatchLinger = TimeSpan.FromMilliseconds(lingerMs) });

        var decision = policy.Decide(BudgetDecision.Granted(Now), Waiting(count, oldestAgoMs, newestAgoMs));

        SendDecision expected = leaveInMs < 0 ? new SendDecision.Send(Math.Min(count, 100)) : new SendDecision.WaitUntil(Now.AddMilliseconds(leaveInMs));
        Assert.Equal(expected, decision);
    }

    [Fact]
    public void A_linger_does_not_change_what_a_closed_company_or_an_empty_bucket_hears()
    {
        var policy = new SendPolicy(new GongClientOptions { BatchLinger = TimeSpan.FromSeconds(5) });
        var next = Now.AddMilliseconds(300);

        Assert.Equal(new SendDecision.WaitUntil(next), policy.Decide(new BudgetDecision(BudgetVerdict.WaitForToken, next), Waiting(3, 0, 0)));
        Assert.Equal(new SendDecision.AnswerAll(new QuotaExhausted(next)), policy.Decide(new BudgetDecision(BudgetVerdict.QuotaExhausted, next), Waiting(3, 0, 0)));
    }

    private static WaitingOrigins Waiting(int count, int oldestAgoMs, int newestAgoMs) =>
        new(count, Now.AddMilliseconds(-oldestAgoMs), Now.AddMilliseconds(-newestAgoMs));
}
