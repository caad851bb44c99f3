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
        Assert.Equal(new SendDecision.Send(sent), _policy.Decide(BudgetDecision.Granted(Now), new WaitingOrigins(waiting, Now.AddSeconds(-1))));

    [Fact]
    public void An_empty_bucket_waits_for_the_next_token()
    {
        var next = Now.AddMilliseconds(300);

        Assert.Equal(new SendDecision.WaitUntil(next), _policy.Decide(new BudgetDecision(BudgetVerdict.WaitForToken, next), new WaitingOrigins(3, Now)));
    }

    [Fact]
    public void A_closed_company_answers_everyone_without_a_call()
    {
        var until = Now.AddMinutes(1);

        Assert.Equal(new SendDecision.AnswerAll(new RateLimited(until, null, null)), _policy.Decide(new BudgetDecision(BudgetVerdict.RateLimited, until), new WaitingOrigins(3, Now)));
        Assert.Equal(new SendDecision.AnswerAll(new QuotaExhausted(until)), _policy.Decide(new BudgetDecision(BudgetVerdict.QuotaExhausted, until), new WaitingOrigins(3, Now)));
    }
}
