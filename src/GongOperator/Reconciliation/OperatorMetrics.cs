using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.Status;
using GongOperator.Resources;
using Prometheus;

namespace GongOperator.Reconciliation;

/// <summary>
/// The operator's own metrics (the Gong client and the controller runtime add theirs to the same prometheus-net registry):
/// origins by Ready reason and by the condition that reason sets, computed from the informer cache at scrape time, and
/// the time of the last successful registration.
/// </summary>
public sealed class OperatorMetrics
{
    private readonly Gauge _origins;
    private readonly Gauge _lastSuccess;

    /// <summary>Creates the metrics in <paramref name="registry"/>.</summary>
    public OperatorMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        _origins = factory.CreateGauge("gong_origins", "GongIntegrationOrigins by their Ready condition's reason (Pending: no condition yet) and the condition the reason sets (Ready, Waiting, Stalled or Paused).", "reason", "condition");
        _lastSuccess = factory.CreateGauge("gong_last_successful_registration_timestamp_seconds", "Unix time of the last registration Gong accepted (200) or confirmed (409).");
    }

    /// <summary>Counts origins from <paramref name="origins"/> before every scrape.</summary>
    public void TrackOrigins(CollectorRegistry registry, Informer<GongIntegrationOrigin> origins)
    {
        ArgumentNullException.ThrowIfNull(origins);
        TrackOrigins(registry, origins.List);
    }

    /// <summary>Counts the origins <paramref name="list"/> gives before every scrape.</summary>
    internal void TrackOrigins(CollectorRegistry registry, Func<IEnumerable<GongIntegrationOrigin>> list)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(list);
        registry.AddBeforeCollectCallback(() =>
        {
            var counts = list()
                .GroupBy(o => Conditions.Find(o.Status?.Conditions, ConditionTypes.Ready)?.Reason ?? "Pending", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var labels in _origins.GetAllLabelValues().ToList())
            {
                if (!counts.ContainsKey(labels[0]))
                {
                    _origins.WithLabels(labels).Set(0);
                }
            }

            foreach (var (reason, count) in counts)
            {
                _origins.WithLabels(reason, ConditionOf(reason)).Set(count);
            }
        });
    }

    /// <summary>
    /// The condition label of <paramref name="reason"/>: what its row in the reason table sets True, so an alert on
    /// Stalled origins need not list the reasons (a new one is counted without a change to it). No condition yet
    /// (Pending) or a reason no row knows (an older version's, rewritten at the next reconcile): Waiting, work to do.
    /// </summary>
    internal static string ConditionOf(string reason) => (OriginReasons.Find(reason)?.Condition ?? OriginCondition.Waiting).ToString();

    /// <summary>Records a successful registration at <paramref name="at"/>.</summary>
    public void RegistrationSucceeded(DateTimeOffset at) => _lastSuccess.Set(at.ToUnixTimeMilliseconds() / 1000.0);
}
