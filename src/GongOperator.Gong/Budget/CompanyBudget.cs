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

    private readonly Lock _gate = new();
    private readonly long _emissionIntervalTicks;
    private readonly long _burstToleranceTicks;
    private readonly long _rateWindowTicks;
    private readonly int _dailyQuota;

    // For each of the last calls (as many as one second may hold), the latest moment Gong can have counted it:
    // when its answer or its failure came back. A ring, oldest first from _recentStart.
    private readonly long[] _recentLatestArrivals;

    // Theoretical arrival time of the next call (GCRA), in UTC ticks.
    private long _theoreticalArrivalTicks;
    private int _recentStart;
    private int _recentCount;

    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _usedInWindow;

    /// <summary>
    /// Creates a budget at <paramref name="createdAt"/>. Another process (the one before a restart, or the leader before
    /// a hand-over) may have spent this company's whole per-second rate just before: Gong counts those calls, this
    /// process cannot see them. So the budget starts as if the rate had been spent at <paramref name="createdAt"/>, and
    /// the first call waits one rate window (a second plus the margin) rather than risk a 429.
    /// </summary>
    public CompanyBudget(CompanyKey key, double callsPerSecond, int burst, int dailyQuota, TimeSpan margin, DateTimeOffset createdAt)
    {
        Key = key;
        // Rounded up so that CallsPerSecond calls never fit in less than a second; the margin absorbs network jitter.
        _emissionIntervalTicks = (long)Math.Ceiling(TimeSpan.TicksPerSecond / callsPerSecond) + margin.Ticks;
        _burstToleranceTicks = (burst - 1) * _emissionIntervalTicks;
        _rateWindowTicks = TimeSpan.TicksPerSecond + margin.Ticks;
        // A fractional rate allows its whole part in any one second: 2.5 a second is never 3 in one second.
        _recentLatestArrivals = new long[Math.Max(1, (int)Math.Floor(callsPerSecond))];
        Array.Fill(_recentLatestArrivals, createdAt.UtcTicks);
        _recentCount = _recentLatestArrivals.Length;
        _dailyQuota = dailyQuota;
    }

    public CompanyKey Key { get; }

    /// <summary>A budget with the per-company limits of <paramref name="options"/>.</summary>
    public static CompanyBudget For(CompanyKey key, GongClientOptions options, DateTimeOffset createdAt) =>
        new(key, options.CallsPerSecond, options.Burst, options.DailyQuota, options.PacingMargin, createdAt);

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
        lock (_gate)
        {
            return Decide(now);
        }
    }

    /// <summary>Spends one call (a token and a unit of daily quota) when the budget allows it; the call is then in flight until <see cref="Settle"/>.</summary>
    public BudgetDecision TryConsume(DateTimeOffset now)
    {
        lock (_gate)
        {
            var decision = Decide(now);
            if (decision.Verdict == BudgetVerdict.Granted)
            {
                _theoreticalArrivalTicks = Math.Max(_theoreticalArrivalTicks, now.UtcTicks) + _emissionIntervalTicks;
                if (_recentCount == _recentLatestArrivals.Length)
                {
                    _recentStart = (_recentStart + 1) % _recentLatestArrivals.Length;
                    _recentCount--;
                }

                _recentLatestArrivals[(_recentStart + _recentCount) % _recentLatestArrivals.Length] = InFlight;
                _recentCount++;
                _usedInWindow++;
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
        lock (_gate)
        {
            for (var i = 0; i < _recentCount; i++)
            {
                var slot = (_recentStart + i) % _recentLatestArrivals.Length;
                if (_recentLatestArrivals[slot] == InFlight)
                {
                    _recentLatestArrivals[slot] = now.UtcTicks;
                    return;
                }
            }
        }
    }

    /// <summary>Closes the company until <paramref name="until"/> (a 429); a later block wins over an earlier one.</summary>
    public void BlockUntil(DateTimeOffset until)
    {
        lock (_gate)
        {
            if (until > _blockedUntil)
            {
                _blockedUntil = until;
                // When the block lifts, calls resume at the normal pace rather than in a burst.
                _theoreticalArrivalTicks = Math.Max(_theoreticalArrivalTicks, until.UtcTicks);
            }
        }
    }

    public CompanyBudgetState GetState(DateTimeOffset now)
    {
        lock (_gate)
        {
            RollWindow(now);
            return new CompanyBudgetState(
                Key.Label,
                _dailyQuota,
                Math.Max(0, _dailyQuota - _usedInWindow),
                _windowStart.AddDays(1),
                _blockedUntil > now ? _blockedUntil : null);
        }
    }

    private BudgetDecision Decide(DateTimeOffset now)
    {
        RollWindow(now);
        var nextWindow = _windowStart.AddDays(1);
        var quotaSpent = _usedInWindow >= _dailyQuota;
        if (_blockedUntil > now && (!quotaSpent || _blockedUntil > nextWindow))
        {
            return new BudgetDecision(BudgetVerdict.RateLimited, _blockedUntil);
        }

        if (quotaSpent)
        {
            return new BudgetDecision(BudgetVerdict.QuotaExhausted, nextWindow);
        }

        var allowedAtTicks = Math.Max(_theoreticalArrivalTicks - _burstToleranceTicks, RateWindowOpensAtTicks(now));
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
        if (_recentCount < _recentLatestArrivals.Length)
        {
            return long.MinValue;
        }

        var oldest = _recentLatestArrivals[_recentStart];
        return (oldest == InFlight ? now.UtcTicks : oldest) + _rateWindowTicks;
    }

    private void RollWindow(DateTimeOffset now)
    {
        // Gong does not document when its daily window starts; we count UTC days (see README).
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (today > _windowStart)
        {
            _windowStart = today;
            _usedInWindow = 0;
        }
    }
}
