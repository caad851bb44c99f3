using GongOperator.Gong.Budget;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Budget;

public sealed class CompanyBudgetTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    // Created long before the calls, so that only the calls a test makes count.
    private static CompanyBudget NewBudget(double perSecond = 3, int burst = 1, int quota = 10_000, int marginMs = 50, DateTimeOffset? createdAt = null) =>
        new(CompanyKey.For(Companies.Acme), perSecond, burst, quota, TimeSpan.FromMilliseconds(marginMs), createdAt ?? Noon.AddHours(-1));

    /// <summary>Grants <paramref name="count"/> calls as early as the budget allows, each answered <paramref name="latency"/> after it left.</summary>
    private static List<DateTimeOffset> GrantAsEarlyAsAllowed(CompanyBudget budget, int count, DateTimeOffset from, TimeSpan latency = default)
    {
        var now = from;
        var granted = new List<DateTimeOffset>();
        while (granted.Count < count)
        {
            var decision = budget.TryConsume(now);
            if (decision.Verdict == BudgetVerdict.Granted)
            {
                granted.Add(now);
                now += latency;
                budget.Settle(now);
            }
            else
            {
                Assert.Equal(BudgetVerdict.WaitForToken, decision.Verdict);
                Assert.True(decision.At > now, "a wait must end later than now");
                now = decision.At;
            }
        }

        return granted;
    }

    [Fact]
    public void Calls_are_paced_so_no_second_holds_more_than_the_rate()
    {
        var granted = GrantAsEarlyAsAllowed(NewBudget(), 10, Noon);

        for (var i = 3; i < granted.Count; i++)
        {
            Assert.True(granted[i] - granted[i - 3] > TimeSpan.FromSeconds(1), "four calls fit in one second");
        }
    }

    [Fact]
    public void A_new_budget_waits_one_window_before_its_first_call_because_a_previous_process_may_have_spent_the_rate()
    {
        // The process before a restart made three calls that reached Gong just before this budget was created.
        var predecessor = new[] { Noon.AddMilliseconds(-30), Noon.AddMilliseconds(-20), Noon.AddMilliseconds(-10) };

        var granted = GrantAsEarlyAsAllowed(NewBudget(createdAt: Noon), 3, Noon);

        Assert.Equal(Noon + TimeSpan.FromMilliseconds(1050), granted[0]);
        var arrivals = predecessor.Concat(granted).ToList();
        for (var i = 3; i < arrivals.Count; i++)
        {
            Assert.True(arrivals[i] - arrivals[i - 3] > TimeSpan.FromSeconds(1), "four calls fit in one second across the restart");
        }
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(3, 50)]
    [InlineData(50, 3)]
    [InlineData(0.5, 50)]
    public void The_gap_between_two_calls_is_one_over_the_rate_plus_the_margin(double perSecond, int marginMs)
    {
        var granted = GrantAsEarlyAsAllowed(NewBudget(perSecond, marginMs: marginMs), 20, Noon);

        var gap = TimeSpan.FromSeconds(1 / perSecond) + TimeSpan.FromMilliseconds(marginMs);
        Assert.All(granted.Zip(granted.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, gap, gap + TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void A_fractional_rate_never_puts_more_than_its_whole_part_in_one_second()
    {
        var granted = GrantAsEarlyAsAllowed(NewBudget(2.5, marginMs: 0), 20, Noon);

        for (var i = 2; i < granted.Count; i++)
        {
            Assert.True(granted[i] - granted[i - 2] >= TimeSpan.FromSeconds(1), "three calls fit in one second at 2.5 a second");
        }
    }

    [Fact]
    public void Calls_are_paced_from_when_the_earlier_ones_came_back_not_only_from_when_they_left()
    {
        // Answers take 400 ms: Gong may have counted each call as late as its answer.
        var granted = GrantAsEarlyAsAllowed(NewBudget(), 10, Noon, TimeSpan.FromMilliseconds(400));

        for (var i = 3; i < granted.Count; i++)
        {
            Assert.True(granted[i] - (granted[i - 3] + TimeSpan.FromMilliseconds(400)) >= TimeSpan.FromMilliseconds(1050), $"call {i} left too soon after call {i - 3} came back");
        }
    }

    [Fact]
    public void A_call_still_in_flight_holds_the_window_open()
    {
        var budget = NewBudget(perSecond: 1);
        Assert.Equal(BudgetVerdict.Granted, budget.TryConsume(Noon).Verdict);

        var later = Noon.AddSeconds(5);
        var waiting = budget.Check(later);

        Assert.Equal(BudgetVerdict.WaitForToken, waiting.Verdict);
        Assert.Equal(later.AddMilliseconds(1050), waiting.At);
        budget.Settle(later);
        Assert.Equal(later.AddMilliseconds(1050), budget.Check(later).At);
        Assert.Equal(BudgetVerdict.Granted, budget.Check(later.AddMilliseconds(1050)).Verdict);
    }

    [Fact]
    public void After_a_429_lifts_the_calls_resume_one_gap_apart()
    {
        var budget = NewBudget();
        GrantAsEarlyAsAllowed(budget, 3, Noon);
        budget.BlockUntil(Noon.AddSeconds(10));
        Assert.Equal(BudgetVerdict.RateLimited, budget.TryConsume(Noon.AddSeconds(9)).Verdict);

        var granted = GrantAsEarlyAsAllowed(budget, 4, Noon.AddSeconds(10));

        Assert.Equal(Noon.AddSeconds(10), granted[0]);
        Assert.All(granted.Zip(granted.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(383)));
    }

    [Fact]
    public void A_burst_allows_that_many_calls_back_to_back()
    {
        var budget = NewBudget(burst: 3);

        Assert.All(Enumerable.Range(0, 3), _ =>
        {
            Assert.Equal(BudgetVerdict.Granted, budget.TryConsume(Noon).Verdict);
            budget.Settle(Noon);
        });
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
