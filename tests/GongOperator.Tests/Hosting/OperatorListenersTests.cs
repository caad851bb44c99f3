using System.Net;
using GongOperator.Configuration;
using GongOperator.Hosting;
using GongOperator.Kubernetes.Hosting;
using GongOperator.Kubernetes.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace GongOperator.Tests.Hosting;

/// <summary>The /metrics server: it serves the registry the operator's container holds, and nothing before that exists.</summary>
public sealed class OperatorListenersTests
{
    [Fact]
    public async Task Metrics_answer_503_until_served_and_then_show_the_containers_registry_not_the_static_default()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new OperatorOptions { MetricsBindAddress = "127.0.0.1:0", HealthProbeBindAddress = "127.0.0.1:0" };
        await using var listeners = await OperatorListeners.StartAsync(options, NullLoggerFactory.Instance, ct);
        using var http = new HttpClient();
        var metrics = new Uri(listeners.MetricsAddress!, "/metrics");

        using var early = await http.GetAsync(metrics, ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);

        var registry = Prometheus.Metrics.NewCustomRegistry();
        Prometheus.Metrics.WithCustomRegistry(registry).CreateCounter("listeners_test_in_the_container_total", "in the registry served").Inc();
        Prometheus.Metrics.CreateCounter("listeners_test_in_the_static_default_total", "in prometheus-net's default registry").Inc();
        listeners.Serve(new ControllerManager(null, new RuntimeMetrics(registry)), registry);

        var served = await http.GetStringAsync(metrics, ct);

        Assert.Contains("listeners_test_in_the_container_total 1", served, StringComparison.Ordinal);
        Assert.Contains("workqueue_depth", served, StringComparison.Ordinal);
        Assert.DoesNotContain("listeners_test_in_the_static_default_total", served, StringComparison.Ordinal);
    }
}
