using System.Diagnostics;
using System.Net;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Hosting;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.LeaderElection;
using GongOperator.Kubernetes.Tests.Support;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GongOperator.Kubernetes.Tests.Integration;

public sealed class LeaderElectionIntegrationTests(LocalClusterFixture cluster) : IClassFixture<LocalClusterFixture>
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Two_hosts_on_one_lease_never_reconcile_at_once_and_the_standby_takes_over_after_a_kill_and_after_a_clean_stop()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await cluster.NewNamespaceAsync();
        await cluster.Widgets().CreateAsync(Widget.Create(ns, "shared"), ct);
        var lease = "lease-" + Guid.NewGuid().ToString("N")[..8];
        var log = new ReconcileLog();

        await using var a = Host.Start(cluster, ns, lease, "a", log, releaseOnCancel: false);
        await Poll.UntilAsync(() => a.Manager.Election!.IsLeader, "a leads");
        await Poll.UntilAsync(() => log.CountFor("a") > 0, "a reconciles");
        await using var b = Host.Start(cluster, ns, lease, "b", log, releaseOnCancel: true);
        await Poll.UntilAsync(() => b.Manager.CheckReadiness().Status == HealthStatus.Healthy, "b is a ready standby");
        Assert.False(b.Manager.Election!.IsLeader);
        Assert.Equal(0, log.CountFor("b"));

        // Kill a: it stops without releasing the lease; b must wait the lease out, and no longer.
        var killed = Stopwatch.StartNew();
        await a.StopAsync();
        await Poll.UntilAsync(() => log.CountFor("b") > 0, "b reconciles after a was killed");
        Assert.True(killed.Elapsed < LeaseDuration + TimeSpan.FromSeconds(3), $"takeover after a kill took {killed.Elapsed}");

        // Clean stop of b releases the lease: c takes over within a couple of seconds.
        await using var c = Host.Start(cluster, ns, lease, "c", log, releaseOnCancel: true);
        await Poll.UntilAsync(() => c.Manager.CheckReadiness().Status == HealthStatus.Healthy, "c is a ready standby");
        var stopped = Stopwatch.StartNew();
        await b.StopAsync();
        await Poll.UntilAsync(() => log.CountFor("c") > 0, "c reconciles after b stopped cleanly");
        Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(3), $"takeover after a clean stop took {stopped.Elapsed}");

        await c.StopAsync();
        Assert.Empty(log.Overlaps());
    }

    [Fact]
    public async Task Losing_the_lease_cancels_the_in_flight_reconcile_at_once_and_regaining_it_resumes_reconciling()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await cluster.NewNamespaceAsync();
        await cluster.Widgets().CreateAsync(Widget.Create(ns, "held"), ct);
        var lease = "lease-" + Guid.NewGuid().ToString("N")[..8];
        var metrics = new TestMetrics();
        var gauge = metrics.Factory.CreateGauge("leader_election_master_status", "", ["name"]);
        var log = new ReconcileLog();
        var calls = 0;
        var current = new TaskCompletionSource();
        await using var a = Host.Start(cluster, ns, lease, "a", log, releaseOnCancel: false, metrics, async ct2 =>
        {
            // Each pass blocks until its token is cancelled, and says when that happened.
            var cancelled = new TaskCompletionSource();
            Volatile.Write(ref current, cancelled);
            Interlocked.Increment(ref calls);
            using var registration = ct2.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, ct2);
        });
        await Poll.UntilAsync(() => a.Manager.Election!.IsLeader && Volatile.Read(ref calls) >= 1 && gauge.WithLabels(lease).Value == 1, "a leads, reconciles and reports itself master");

        // Someone else takes the lease (as after a network cut): a can no longer renew.
        // a renews every 0.5 s, so our write may meet a 409: read again and retry, as any writer must.
        TaskCompletionSource inFlight;
        int callsBefore;
        Stopwatch stolen;
        while (true)
        {
            inFlight = Volatile.Read(ref current);
            callsBefore = Volatile.Read(ref calls);
            var taken = await cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync(lease, ns, cancellationToken: ct);
            taken.Spec.HolderIdentity = "thief";
            taken.Spec.RenewTime = DateTime.UtcNow;
            stolen = Stopwatch.StartNew();
            try
            {
                await cluster.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(taken, lease, ns, cancellationToken: ct);
                break;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
            {
            }
        }

        await inFlight.Task.WaitAsync(TimeSpan.FromSeconds(20), ct);
        var elapsed = stolen.Elapsed;

        // a gives up within its renew deadline (3 s) plus slack; it may only re-acquire after the thief's 4 s lease runs out.
        Assert.True(elapsed < TimeSpan.FromSeconds(6), $"the reconcile was cancelled {elapsed} after the lease was taken");
        Assert.False(a.Manager.Election!.IsLeader);
        Assert.Equal(0d, gauge.WithLabels(lease).Value);
        Assert.Equal(callsBefore, Volatile.Read(ref calls));

        // The thief never renews: once its lease runs out, a campaigns again, wins, and its controller runs again.
        await Poll.UntilAsync(() => a.Manager.Election!.IsLeader && Volatile.Read(ref calls) > callsBefore, "a leads and reconciles again");
    }

    private sealed class ReconcileLog
    {
        private readonly List<(string Host, long Start, long End)> _intervals = [];

        public int CountFor(string host)
        {
            lock (_intervals)
            {
                return _intervals.Count(i => i.Host == host);
            }
        }

        public void Add(string host, long start, long end)
        {
            lock (_intervals)
            {
                _intervals.Add((host, start, end));
            }
        }

        public List<string> Overlaps()
        {
            lock (_intervals)
            {
                return [.. from x in _intervals
                           from y in _intervals
                           where x.Host != y.Host && x.Start < y.End && y.Start < x.End
                           select $"{x.Host} and {y.Host}"];
            }
        }
    }

    private sealed class Host : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cts = new();
        private Task _run = Task.CompletedTask;

        private Host(ControllerManager manager) => Manager = manager;

        public ControllerManager Manager { get; }

        public static Host Start(LocalClusterFixture cluster, string ns, string lease, string name, ReconcileLog log, bool releaseOnCancel, TestMetrics? metrics = null, Func<CancellationToken, Task>? work = null)
        {
            var client = cluster.NewClient();
            var informer = new Informer<Widget>(ListWatchSources.ForCustomResource<Widget>(client), new InformerOptions { Namespaces = [ns] });
            var reconciler = new RecordingReconciler(async (_, _, ct) =>
            {
                var start = Stopwatch.GetTimestamp();
                await (work?.Invoke(ct) ?? Task.CompletedTask);
                await Task.Yield();
                log.Add(name, start, Stopwatch.GetTimestamp());
                return ReconcileResult.RequeueAfter(TimeSpan.FromMilliseconds(20));
            });
            var runtime = (metrics ?? new TestMetrics()).Runtime;
            var manager = new ControllerManager(client, runtime, new ControllerManagerOptions
            {
                LeaderElection = new LeaderElectionOptions
                {
                    LeaseName = lease,
                    LeaseNamespace = ns,
                    Identity = name,
                    LeaseDuration = LeaseDuration,
                    RenewDeadline = TimeSpan.FromSeconds(3),
                    RetryPeriod = TimeSpan.FromMilliseconds(500),
                    ReleaseOnCancel = releaseOnCancel,
                },
            }).AddController(new Controller<Widget>(new ControllerOptions { Name = "le-" + name + "-" + Guid.NewGuid().ToString("N")[..6], GracefulShutdownTimeout = TimeSpan.FromSeconds(2) }, informer, reconciler, runtime));
            var host = new Host(manager);
            host._run = manager.RunAsync(host._cts.Token);
            return host;
        }

        public async Task StopAsync()
        {
            await _cts.CancelAsync();
            await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _cts.Dispose();
        }
    }
}
