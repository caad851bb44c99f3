namespace GongOperator.Gong.Budget;

/// <summary>
/// One company's client-side budget: a GCRA token bucket for calls per second, a sliding one-second window over
/// the calls' latest possible arrival times, a daily quota counted in UTC days, and a block set by a 429's
/// Retry-After. Thread-safe; all times come from the caller's clock.
/// </summary>
internal sealed class CompanyBudget
{
    // An attempt still out: it may reach Gong as late as "now", whenever now is.
    private const long InFlight = long.MinValue;

    private readonly Lock gate = new();
    private readonly long emissionIntervalTicks;
    private readonly long burstToleranceTicks;
    private readonly long rateWindowTicks;
    private readonly int dailyQuota;

    // For each of the last calls (as many as one second may hold), the latest moment Gong can have counted it:
    // when its answer or its failure came back. A ring, oldest first from recentStart.
    private readonly long[] recentLatestArrivals;

    // Theoretical arrival time of the next call (GCRA), in UTC ticks.
    private long theoreticalArrivalTicks;
    private int recentStart;
    private int recentCount;

    private DateTimeOffset blockedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset windowStart = DateTimeOffset.MinValue;
    private int usedInWindow;

    public CompanyBudget(CompanyKey key, double callsPerSecond, int burst, int dailyQuota, TimeSpan margin)
    {
        Key = key;
        // Rounded up so that CallsPerSecond calls never fit in less than a second; the margin absorbs network jitter.
        emissionIntervalTicks = (long)Math.Ceiling(TimeSpan.TicksPerSecond / callsPerSecond) + margin.Ticks;
        burstToleranceTicks = (burst - 1) * emissionIntervalTicks;
        rateWindowTicks = TimeSpan.TicksPerSecond + margin.Ticks;
        // A fractional rate allows its whole part in any one second: 2.5 a second is never 3 in one second.
        recentLatestArrivals = new long[Math.Max(1, (int)Math.Floor(callsPerSecond))];
        this.dailyQuota = dailyQuota;
    }

    public CompanyKey Key { get; }

    /// <summary>Says whether a call could be made now, without spending anything.</summary>
    public BudgetDecision Check(DateTimeOffset now)
    {
        lock (gate)
        {
            return Decide(now);
        }
    }

    /// <summary>Spends one call (a token and a unit of daily quota) when the budget allows it; the call is then in flight until <see cref="Settle"/>.</summary>
    public BudgetDecision TryConsume(DateTimeOffset now)
    {
        lock (gate)
        {
            var decision = Decide(now);
            if (decision.Verdict == BudgetVerdict.Granted)
            {
                theoreticalArrivalTicks = Math.Max(theoreticalArrivalTicks, now.UtcTicks) + emissionIntervalTicks;
                if (recentCount == recentLatestArrivals.Length)
                {
                    recentStart = (recentStart + 1) % recentLatestArrivals.Length;
                    recentCount--;
                }

                recentLatestArrivals[(recentStart + recentCount) % recentLatestArrivals.Length] = InFlight;
                recentCount++;
                usedInWindow++;
            }

            return decision;
        }
    }

    /// <summary>
    /// The oldest call still in flight came back (answered, failed or abandoned) at <paramref name="now"/>: Gong cannot
    /// have counted it later than that. Calls to a company are made one at a time, so "oldest" is "the one".
    /// </summary>
    public void Settle(DateTimeOffset now)
    {
        lock (gate)
        {
            for (var i = 0; i < recentCount; i++)
            {
                var slot = (recentStart + i) % recentLatestArrivals.Length;
                if (recentLatestArrivals[slot] == InFlight)
                {
                    recentLatestArrivals[slot] = now.UtcTicks;
                    return;
                }
            }
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

        var allowedAtTicks = Math.Max(theoreticalArrivalTicks - burstToleranceTicks, RateWindowOpensAtTicks(now));
        if (allowedAtTicks > now.UtcTicks)
        {
            return new BudgetDecision(BudgetVerdict.WaitForToken, new DateTimeOffset(allowedAtTicks, TimeSpan.Zero));
        }

        return BudgetDecision.Granted(now);
    }

    /// <summary>
    /// When a new call can no longer share a one-second window, as Gong sees arrivals, with the oldest of the last
    /// calls a window may hold. Measured from when that call came back, not from when it left: a slow first call (a
    /// new TLS connection) reaches Gong late, closer to the calls after it than their pace suggests.
    /// </summary>
    private long RateWindowOpensAtTicks(DateTimeOffset now)
    {
        if (recentCount < recentLatestArrivals.Length)
        {
            return long.MinValue;
        }

        var oldest = recentLatestArrivals[recentStart];
        return (oldest == InFlight ? now.UtcTicks : oldest) + rateWindowTicks;
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
