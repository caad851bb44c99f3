using GongOperator.Gong.Budget;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Budget;

public sealed class CompanyBudgetTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static CompanyBudget NewBudget(double perSecond = 3, int burst = 1, int quota = 10_000) =>
        new(CompanyKey.For(Companies.Acme), perSecond, burst, quota);

    [Fact]
    public void Calls_are_paced_so_no_second_holds_more_than_the_rate()
    {
        var budget = NewBudget();
        var now = Noon;
        var granted = new List<DateTimeOffset>();
        while (granted.Count < 10)
        {
            var decision = budget.TryConsume(now);
            if (decision.Verdict == BudgetVerdict.Granted)
            {
                granted.Add(now);
            }
            else
            {
                Assert.Equal(BudgetVerdict.WaitForToken, decision.Verdict);
                now = decision.At;
            }
        }

        for (var i = 3; i < granted.Count; i++)
        {
            Assert.True(granted[i] - granted[i - 3] > TimeSpan.FromSeconds(1), "four calls fit in one second");
        }
    }

    [Fact]
    public void A_burst_allows_that_many_calls_back_to_back()
    {
        var budget = NewBudget(burst: 3);

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Equal(BudgetVerdict.Granted, budget.TryConsume(Noon).Verdict));
        Assert.Equal(BudgetVerdict.WaitForToken, budget.TryConsume(Noon).Verdict);
    }

    [Fact]
    public void Checking_spends_nothing()
    {
        var budget = NewBudget(quota: 1);

        Assert.Equal(BudgetVerdict.Granted, budget.Check(Noon).Verdict);
        Assert.Equal(BudgetVerdict.Granted, budget.Check(Noon).Verdict);
        Assert.Equal(1, budget.GetState(Noon).Remaining);
    }

    [Fact]
    public void The_daily_quota_runs_out_and_names_the_next_UTC_midnight()
    {
        var budget = NewBudget(perSecond: 1000, quota: 2);
        Assert.Equal(BudgetVerdict.Granted, budget.TryConsume(Noon).Verdict);
        Assert.Equal(BudgetVerdict.Granted, budget.TryConsume(Noon.AddSeconds(1)).Verdict);

        var refused = budget.TryConsume(Noon.AddSeconds(2));

        Assert.Equal(BudgetVerdict.QuotaExhausted, refused.Verdict);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), refused.At);
        var state = budget.GetState(Noon.AddSeconds(2));
        Assert.Equal(0, state.Remaining);
        Assert.Equal(2, state.DailyQuota);
        Assert.Equal(refused.At, state.ResetsAt);
    }

    [Fact]
    public void The_quota_window_resets_at_midnight_UTC_whatever_the_callers_offset()
    {
        var budget = NewBudget(perSecond: 1000, quota: 1);
        var lateEveningInNewYork = new DateTimeOffset(2026, 11, 21, 18, 59, 0, TimeSpan.FromHours(-5));
        Assert.Equal(BudgetVerdict.Granted, budget.TryConsume(lateEveningInNewYork).Verdict);
        Assert.Equal(BudgetVerdict.QuotaExhausted, budget.TryConsume(lateEveningInNewYork.AddSeconds(59)).Verdict);

        var afterUtcMidnight = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(BudgetVerdict.Granted, budget.TryConsume(afterUtcMidnight).Verdict);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), budget.GetState(afterUtcMidnight).ResetsAt);
    }

    [Fact]
    public void A_429_block_closes_the_company_until_its_time_and_a_later_block_wins()
    {
        var budget = NewBudget();
        budget.BlockUntil(Noon.AddSeconds(30));
        budget.BlockUntil(Noon.AddSeconds(10));

        var closed = budget.TryConsume(Noon.AddSeconds(29));
        Assert.Equal(BudgetVerdict.RateLimited, closed.Verdict);
        Assert.Equal(Noon.AddSeconds(30), closed.At);
        Assert.Equal(Noon.AddSeconds(30), budget.GetState(Noon).BlockedUntil);
        Assert.Equal(BudgetVerdict.Granted, budget.TryConsume(Noon.AddSeconds(30)).Verdict);
        Assert.Null(budget.GetState(Noon.AddSeconds(30)).BlockedUntil);
    }

    [Fact]
    public void A_spent_quota_outranks_a_block_that_ends_earlier()
    {
        var budget = NewBudget(quota: 1);
        budget.TryConsume(Noon);
        budget.BlockUntil(Noon.AddMinutes(5));

        Assert.Equal(BudgetVerdict.QuotaExhausted, budget.Check(Noon.AddMinutes(1)).Verdict);
    }
}
