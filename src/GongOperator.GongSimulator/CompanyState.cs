namespace GongOperator.GongSimulator;

/// <summary>One company's mutable state: its rate window, its day's usage and its registrations. Guarded by the state's lock.</summary>
internal sealed class CompanyState(SimulatedCompany config, int ratePerSecond, long dailyQuota)
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

    private readonly Queue<DateTimeOffset> _recentCalls = new();
    private readonly Dictionary<(string Type, string OriginKey), SimulatedRegistration> _registrations = [];
    private readonly List<SimulatedRegistration> _ordered = [];
    private DateOnly _quotaDay;

    public SimulatedCompany Config { get; } = config;

    public string Name => Config.Name;

    public int RatePerSecond { get; } = ratePerSecond;

    public long DailyQuota { get; } = dailyQuota;

    public SimulatorConflictMode? ConflictModeOverride { get; set; } = config.ConflictMode;

    public long UsedToday { get; private set; }

    public DateTimeOffset? ExhaustedUntil { get; set; }

    public IReadOnlyList<SimulatedRegistration> Registrations => _ordered;

    /// <summary>When a call could next pass the per-second rate; null if one can pass now.</summary>
    public DateTimeOffset? RateLimitedUntil(DateTimeOffset now)
    {
        while (_recentCalls.Count > 0 && _recentCalls.Peek() + RateWindow <= now)
        {
            _recentCalls.Dequeue();
        }

        return _recentCalls.Count >= RatePerSecond ? _recentCalls.Peek() + RateWindow : null;
    }

    /// <summary>When the quota opens again (the next 00:00 UTC) if it is spent or exhausted by a fault; null if a call can pass.</summary>
    public DateTimeOffset? QuotaSpentUntil(DateTimeOffset now)
    {
        RollDay(now);
        if (ExhaustedUntil is { } until && now < until)
        {
            return until;
        }

        ExhaustedUntil = null;
        return UsedToday >= DailyQuota ? NextQuotaWindow(now) : null;
    }

    public void Count(DateTimeOffset now)
    {
        RollDay(now);
        _recentCalls.Enqueue(now);
        UsedToday++;
    }

    public static DateTimeOffset NextQuotaWindow(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateTimeOffset(utc.Date.AddDays(1), TimeSpan.Zero);
    }

    public bool TryGetRegistration(string type, string originKey, out SimulatedRegistration? registration) =>
        _registrations.TryGetValue((type, originKey), out registration);

    public void Add(string originKey, SimulatedRegistration registration)
    {
        _registrations.Add((registration.IntegrationType, originKey), registration);
        _ordered.Add(registration);
    }

    public void ClearRegistrations()
    {
        _registrations.Clear();
        _ordered.Clear();
    }

    /// <summary>Forgets usage, windows and registrations; the configured conflict mode comes back.</summary>
    public void Reset()
    {
        _recentCalls.Clear();
        UsedToday = 0;
        _quotaDay = default;
        ExhaustedUntil = null;
        ConflictModeOverride = Config.ConflictMode;
        ClearRegistrations();
    }

    private void RollDay(DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (day != _quotaDay)
        {
            _quotaDay = day;
            UsedToday = 0;
        }
    }
}
