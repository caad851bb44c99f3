using Prometheus;

namespace GongOperator.Gong.Metrics;

/// <summary>The client's Prometheus metrics. Labels never carry secrets: companies appear by their non-secret label.</summary>
internal sealed class GongMetrics
{
    private readonly Counter _calls;
    private readonly Histogram _duration;
    private readonly Counter _rateLimitWaits;
    private readonly Gauge _quotaRemaining;
    private Func<IEnumerable<CompanyBudgetState>>? _quotaSource;

    public GongMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _calls = factory.CreateCounter("gong_api_calls_total", "HTTP attempts to Gong's API by status code (or error kind).", "code");
        _duration = factory.CreateHistogram("gong_api_call_duration_seconds", "Duration of HTTP attempts to Gong's API.", new HistogramConfiguration
        {
            Buckets = Histogram.ExponentialBuckets(0.01, 2, 12),
        });
        _rateLimitWaits = factory.CreateCounter("gong_rate_limit_waits_total", "Times a call waited or was refused for budget: token (per-second pace), retry_after (a 429), quota (daily quota).", "reason");
        _quotaRemaining = factory.CreateGauge("gong_daily_quota_remaining", "Calls left in the company's current daily quota window.", "company");
        registry.AddBeforeCollectCallback(RefreshQuotaGauges);
    }

    public void ObserveCall(string code, TimeSpan elapsed)
    {
        _calls.WithLabels(code).Inc();
        _duration.Observe(elapsed.TotalSeconds);
    }

    public void CountRateLimitWait(string reason) => _rateLimitWaits.WithLabels(reason).Inc();

    public void SetQuotaRemaining(string company, int remaining) => _quotaRemaining.WithLabels(company).Set(remaining);

    /// <summary>Lets the gauge follow window resets between calls: read at every scrape.</summary>
    public void SetQuotaSource(Func<IEnumerable<CompanyBudgetState>> source) => _quotaSource = source;

    private void RefreshQuotaGauges()
    {
        if (_quotaSource is null)
        {
            return;
        }

        foreach (var state in _quotaSource())
        {
            SetQuotaRemaining(state.Company, state.Remaining);
        }
    }
}
