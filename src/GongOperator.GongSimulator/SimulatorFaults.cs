namespace GongOperator.GongSimulator;

/// <summary>
/// The faults injected at start or through the admin API, and what each call uses up of them. Not thread-safe:
/// <see cref="SimulatorState"/> calls it under its lock.
/// </summary>
internal sealed class SimulatorFaults
{
    private const int DefaultStormRetryAfterSeconds = 5;

    private readonly Queue<long> _nextIds = new();
    private int _failNext;
    private int _resetNext;
    private int _malformedNext;
    private int _truncatedNext;
    private DateTimeOffset? _stormUntil;
    private int _stormRetryAfterSeconds = DefaultStormRetryAfterSeconds;

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency { get; private set; }

    /// <summary>Sets each fault <paramref name="spec"/> names (it is valid: <see cref="SimulatorFaultSpec.Validate"/>).</summary>
    public void Apply(SimulatorFaultSpec spec, DateTimeOffset now, CompanyDirectory companies)
    {
        if (spec.LatencyMs is { } latency)
        {
            Latency = TimeSpan.FromMilliseconds(latency);
        }

        _failNext = spec.FailNext ?? _failNext;
        _resetNext = spec.ResetNext ?? _resetNext;
        _malformedNext = spec.MalformedNext ?? _malformedNext;
        _truncatedNext = spec.TruncatedNext ?? _truncatedNext;
        _stormRetryAfterSeconds = spec.StormRetryAfterSeconds ?? _stormRetryAfterSeconds;
        if (spec.StormSeconds is { } storm)
        {
            _stormUntil = storm > 0 ? now.AddSeconds(storm) : null;
        }

        foreach (var name in spec.ExhaustQuota ?? [])
        {
            companies.Find(name).ExhaustedUntil = CompanyState.NextQuotaWindow(now);
        }

        foreach (var id in spec.NextIntegrationIds ?? [])
        {
            _nextIds.Enqueue(id);
        }
    }

    /// <summary>No fault at all, and no company's quota exhausted by one.</summary>
    public void Clear(CompanyDirectory companies)
    {
        Latency = TimeSpan.Zero;
        _failNext = 0;
        _resetNext = 0;
        _malformedNext = 0;
        _truncatedNext = 0;
        _stormUntil = null;
        _stormRetryAfterSeconds = DefaultStormRetryAfterSeconds;
        _nextIds.Clear();
        foreach (var c in companies.All)
        {
            c.ExhaustedUntil = null;
        }
    }

    public SimulatorFaultState Snapshot(DateTimeOffset now, CompanyDirectory companies) => new(
        (int)Latency.TotalMilliseconds,
        _failNext,
        _resetNext,
        _malformedNext,
        _truncatedNext,
        _stormUntil is { } until && now < until ? until : null,
        _stormRetryAfterSeconds,
        companies.All.Where(c => c.ExhaustedUntil is { } u && now < u).Select(c => c.Name).ToList(),
        _nextIds.ToList());

    /// <summary>The Retry-After seconds of a 429 storm that lasts at <paramref name="now"/>; null when there is none (an ended one is forgotten).</summary>
    public int? StormRetryAfter(DateTimeOffset now)
    {
        if (_stormUntil is { } until && now < until)
        {
            return _stormRetryAfterSeconds;
        }

        _stormUntil = null;
        return null;
    }

    /// <summary>True when this call is to be answered by a reset connection (using one up).</summary>
    public bool TakeReset() => Take(ref _resetNext);

    /// <summary>True when this call is to be answered 500 (using one up).</summary>
    public bool TakeFail() => Take(ref _failNext);

    /// <summary>True when this successful call is to be answered with an HTML page instead of JSON (using one up).</summary>
    public bool TakeMalformed() => Take(ref _malformedNext);

    /// <summary>True when this successful call is to be answered with its JSON cut short (using one up).</summary>
    public bool TakeTruncated() => Take(ref _truncatedNext);

    /// <summary>The next integrationId a test pinned, if any.</summary>
    public bool TryTakeIntegrationId(out long id) => _nextIds.TryDequeue(out id);

    private static bool Take(ref int remaining)
    {
        if (remaining <= 0)
        {
            return false;
        }

        remaining--;
        return true;
    }
}
