namespace GongOperator.Gong.Budget;

/// <summary>
/// One company's client-side budget: a GCRA token bucket for calls per second, a daily quota counted in
/// UTC days, and a block set by a 429's Retry-After. Thread-safe; all times come from the caller's clock.
/// </summary>
internal sealed class CompanyBudget
{
    private readonly Lock gate = new();
    private readonly long emissionIntervalTicks;
    private readonly long burstToleranceTicks;
    private readonly int dailyQuota;

    // Theoretical arrival time of the next call (GCRA), in UTC ticks.
    private long theoreticalArrivalTicks;
    private DateTimeOffset blockedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset windowStart = DateTimeOffset.MinValue;
    private int usedInWindow;

    public CompanyBudget(CompanyKey key, double callsPerSecond, int burst, int dailyQuota)
    {
        Key = key;
        // Rounded up so that CallsPerSecond calls never fit in less than a second.
        emissionIntervalTicks = (long)Math.Ceiling(TimeSpan.TicksPerSecond / callsPerSecond);
        burstToleranceTicks = (burst - 1) * emissionIntervalTicks;
        this.dailyQuota = dailyQuota;
    }

    public CompanyKey Key { get; }

    /// <summary>A budget with the per-company limits of <paramref name="options"/>.</summary>
    public static CompanyBudget For(CompanyKey key, GongClientOptions options) =>
        new(key, options.CallsPerSecond, options.Burst, options.DailyQuota);

    /// <summary>
    /// The one budget wait: waits out the per-second pace (on <paramref name="time"/>, calling <paramref name="onTokenWait"/>
    /// before each wait) until a call may be made or the company is closed, and returns that decision. With
    /// <paramref name="spend"/> a granted call is spent (an HTTP attempt); without, the budget is only looked at (a
    /// worker deciding whether its callers can be answered now).
    /// </summary>
    public async Task<BudgetDecision> WaitAsync(bool spend, TimeProvider time, Action onTokenWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(onTokenWait);
        while (true)
        {
            var now = time.GetUtcNow();
            var decision = spend ? TryConsume(now) : Check(now);
            if (decision.Verdict != BudgetVerdict.WaitForToken)
            {
                return decision;
            }

            onTokenWait();
            await Task.Delay(decision.At - now, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Says whether a call could be made now, without spending anything.</summary>
    public BudgetDecision Check(DateTimeOffset now)
    {
        lock (gate)
        {
            return Decide(now);
        }
    }

    /// <summary>Spends one call (a token and a unit of daily quota) when the budget allows it.</summary>
    public BudgetDecision TryConsume(DateTimeOffset now)
    {
        lock (gate)
        {
            var decision = Decide(now);
            if (decision.Verdict == BudgetVerdict.Granted)
            {
                theoreticalArrivalTicks = Math.Max(theoreticalArrivalTicks, now.UtcTicks) + emissionIntervalTicks;
                usedInWindow++;
            }

            return decision;
        }
    }

    /// <summary>Closes the company until <paramref name="until"/> (a 429); a later block wins over an earlier one.</summary>
    public void BlockUntil(DateTimeOffset until)
    {
        lock (gate)
        {
            if (until > blockedUntil)
            {
                blockedUntil = until;
                // When the block lifts, calls resume at the normal pace rather than in a burst.
                theoreticalArrivalTicks = Math.Max(theoreticalArrivalTicks, until.UtcTicks);
            }
        }
    }

    public CompanyBudgetState GetState(DateTimeOffset now)
    {
        lock (gate)
        {
            RollWindow(now);
            return new CompanyBudgetState(
                Key.Label,
                dailyQuota,
                Math.Max(0, dailyQuota - usedInWindow),
                windowStart.AddDays(1),
                blockedUntil > now ? blockedUntil : null);
        }
    }

    private BudgetDecision Decide(DateTimeOffset now)
    {
        RollWindow(now);
        var nextWindow = windowStart.AddDays(1);
        var quotaSpent = usedInWindow >= dailyQuota;
        if (blockedUntil > now && (!quotaSpent || blockedUntil > nextWindow))
        {
            return new BudgetDecision(BudgetVerdict.RateLimited, blockedUntil);
        }

        if (quotaSpent)
        {
            return new BudgetDecision(BudgetVerdict.QuotaExhausted, nextWindow);
        }

        var allowedAtTicks = theoreticalArrivalTicks - burstToleranceTicks;
        if (allowedAtTicks > now.UtcTicks)
        {
            return new BudgetDecision(BudgetVerdict.WaitForToken, new DateTimeOffset(allowedAtTicks, TimeSpan.Zero));
        }

        return BudgetDecision.Granted(now);
    }

    private void RollWindow(DateTimeOffset now)
    {
        // Gong does not document when its daily window starts; we count UTC days (see README).
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (today > windowStart)
        {
            windowStart = today;
            usedInWindow = 0;
        }
    }
}
