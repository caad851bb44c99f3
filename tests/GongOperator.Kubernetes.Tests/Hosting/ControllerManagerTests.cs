using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Hosting;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GongOperator.Kubernetes.Tests.Hosting;

public sealed class ControllerManagerTests
{
    [Fact]
    public async Task Readiness_waits_for_every_informer_to_sync_while_liveness_is_healthy_throughout()
    {
        var source = new FakeListWatchSource<Widget>();
        var informer = new Informer<Widget>(source);
        var reconciler = new RecordingReconciler((_, _, _) => Task.FromResult(ReconcileResult.Done));
        var manager = new ControllerManager(null, TestMetrics.Unread())
            .AddController(new Controller<Widget>(new ControllerOptions { Name = "health-" + Guid.NewGuid() }, informer, reconciler, TestMetrics.Unread()));

        Assert.Equal(HealthStatus.Unhealthy, manager.CheckReadiness().Status);
        Assert.Equal(HealthStatus.Healthy, manager.CheckLiveness().Status);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = manager.RunAsync(cts.Token);
        await Poll.UntilAsync(() => manager.CheckReadiness().Status == HealthStatus.Healthy, "the manager became ready");

        var ready = await manager.ReadinessCheck.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Healthy, ready.Status);
        Assert.Equal(HealthStatus.Healthy, (await manager.LivenessCheck.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken)).Status);
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public void Two_controllers_with_one_name_are_refused_with_a_message_that_says_why()
    {
        var informer = new Informer<Widget>(new FakeListWatchSource<Widget>());
        var reconciler = new RecordingReconciler((_, _, _) => Task.FromResult(ReconcileResult.Done));
        var manager = new ControllerManager(null, TestMetrics.Unread())
            .AddController(new Controller<Widget>(new ControllerOptions { Name = "same" }, informer, reconciler, TestMetrics.Unread()));

        var error = Assert.Throws<InvalidOperationException>(() =>
            manager.AddController(new Controller<Widget>(new ControllerOptions { Name = "same" }, informer, reconciler, TestMetrics.Unread())));
        Assert.Contains("unique", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leader_election_without_a_client_is_refused()
        => Assert.Throws<ArgumentException>(() => new ControllerManager(null, TestMetrics.Unread(), new ControllerManagerOptions
        {
            LeaderElection = new() { LeaseName = "x", LeaseNamespace = "default" },
        }));
}
