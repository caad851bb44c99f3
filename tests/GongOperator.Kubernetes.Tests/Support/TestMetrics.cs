using GongOperator.Kubernetes.Metrics;
using Prometheus;

namespace GongOperator.Kubernetes.Tests.Support;

/// <summary>A test's own registry with the runtime's metrics in it, read back by the names a scrape shows.</summary>
public sealed class TestMetrics
{
    public TestMetrics() => Runtime = new RuntimeMetrics(Registry);

    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public RuntimeMetrics Runtime { get; }

    /// <summary>Creating a metric the registry already has returns that one: how a test reads a value by its name.</summary>
    public IMetricFactory Factory => Prometheus.Metrics.WithCustomRegistry(Registry);

    /// <summary>Runtime metrics on a registry nobody reads, for tests about something else.</summary>
    public static RuntimeMetrics Unread() => new TestMetrics().Runtime;
}
