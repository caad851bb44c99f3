namespace GongOperator.GongSimulator;

/// <summary>One company's mutable state: its rate window, its day's usage and its registrations. Guarded by the state's lock.</summary>
internal sealed class CompanyState(SimulatedCompany config, int ratePerSecond, long dailyQuota, SimulatorRegistrationMode registrationMode)
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

    private readonly Queue<DateTimeOffset> _recentCalls = new();
    private readonly Queue<DateTimeOffset> _recentArrivals = new();
    private readonly SimulatorRegistrationMode _configuredMode = config.RegistrationMode ?? registrationMode;
    private readonly Dictionary<(string Type, string OriginKey), SimulatedRegistration> _registrations = [];
    private readonly List<SimulatedRegistration> _ordered = [];
    private DateOnly _quotaDay;

    public SimulatedCompany Config { get; } = config;

    public string Name => Config.Name;

    public int RatePerSecond { get; } = ratePerSecond;

    public long DailyQuota { get; } = dailyQuota;

    public SimulatorConflictMode? ConflictModeOverride { get; set; } = config.ConflictMode;

    public SimulatorRegistrationMode RegistrationMode { get; set; } = config.RegistrationMode ?? registrationMode;

    public long UsedToday { get; private set; }

    /// <summary>Every call that arrived with this company's credentials, whatever its answer.</summary>
    public long Arrivals { get; private set; }

    /// <summary>Arrivals that made more than <see cref="RatePerSecond"/> in one sliding second.</summary>
    public long OverRateArrivals { get; private set; }

    /// <summary>The most arrivals seen in any one sliding second.</summary>
    public int PeakArrivalsInOneSecond { get; private set; }

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

    /// <summary>
    /// Counts an arrival in the sliding second that ends at <paramref name="at"/>; true when that second now holds more
    /// than the rate. Unlike the 429 rule, which counts only calls that passed, this counts every arrival: it is what a
    /// server that counts on arrival would see.
    /// </summary>
    public bool CountArrival(DateTimeOffset at)
    {
        while (_recentArrivals.Count > 0 && _recentArrivals.Peek() + RateWindow <= at)
        {
            _recentArrivals.Dequeue();
        }

        _recentArrivals.Enqueue(at);
        Arrivals++;
        PeakArrivalsInOneSecond = Math.Max(PeakArrivalsInOneSecond, _recentArrivals.Count);
        if (_recentArrivals.Count <= RatePerSecond)
        {
            return false;
        }

        OverRateArrivals++;
        return true;
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

    /// <summary>Sets the list to exactly these origins, in this order; an origin already on it keeps its registration.</summary>
    public void Replace(IEnumerable<(string OriginKey, SimulatedRegistration Registration)> origins)
    {
        var kept = new Dictionary<(string Type, string OriginKey), SimulatedRegistration>();
        var ordered = new List<SimulatedRegistration>();
        foreach (var (originKey, registration) in origins)
        {
            var key = (registration.IntegrationType, originKey);
            if (kept.ContainsKey(key))
            {
                continue;
            }

            var entry = _registrations.TryGetValue(key, out var existing) ? existing : registration;
            kept.Add(key, entry);
            ordered.Add(entry);
        }

        ClearRegistrations();
        foreach (var (key, entry) in kept)
        {
            _registrations.Add(key, entry);
        }

        _ordered.AddRange(ordered);
    }

    public void ClearRegistrations()
    {
        _registrations.Clear();
        _ordered.Clear();
    }

    /// <summary>Forgets usage, windows, arrival counts and registrations; the configured conflict and registration modes come back.</summary>
    public void Reset()
    {
        _recentCalls.Clear();
        _recentArrivals.Clear();
        Arrivals = 0;
        OverRateArrivals = 0;
        PeakArrivalsInOneSecond = 0;
        RegistrationMode = _configuredMode;
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
