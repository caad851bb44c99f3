using System.Globalization;
using GongOperator.GongSimulator;
using GongOperator.LocalCluster;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using GongOperator.Tests.Cli;
using GongOperator.Tests.EndToEnd;
using k8s;
using k8s.Models;

namespace GongOperator.Tests.Faults;

/// <summary>
/// Faults only a process shows: the operator killed (SIGKILL) between Gong's answer and its status write, the leader
/// of two replicas killed mid-batch, the embedded API server killed mid-write, and two API servers on one state dir.
/// </summary>
[Collection(nameof(ProcessFaultTests))]
public sealed class ProcessFaultTests
{
    [Fact]
    public async Task An_operator_killed_after_Gong_answered_but_before_status_was_written_converges_on_restart_and_says_so()
    {
        await using var world = await FaultWorld.StartAsync(startOperator: false);
        var held = 0;
        var release = new TaskCompletionSource<ApiFault?>(TaskCreationOptions.RunContinuationsAsynchronously);
        world.Server.Intercept(async (request, ct) =>
        {
            if (request is not { Method: "PUT", Subresource: "status", Resource: GongIntegrationOrigin.Plural })
            {
                return null;
            }

            Interlocked.Increment(ref held);
            return await release.Task.WaitAsync(ct);
        });
        var names = await world.CreateOriginsAsync("killed", 3);

        await using (var first = OperatorProcess.Start(RunArgs(world)))
        {
            // Gong has registered every origin and the answers' status writes hang: now the process dies.
            await Eventually.HoldsAsync(() => world.Simulator.Registrations.Count == names.Length && Volatile.Read(ref held) > 0, "Gong answered and a status write is on its way", TimeSpan.FromSeconds(90));
            await first.KillAsync();
        }

        world.Server.Intercept(null);
        release.SetResult(null);
        Assert.All(await world.ListAsync(), o => Assert.Null(o.Status?.IntegrationId));
        var callsBefore = world.Simulator.Calls.Count;
        await using var second = OperatorProcess.Start(RunArgs(world));

        await world.WaitAllReadyAsync(names.Length, TimeSpan.FromSeconds(90));
        var origins = await world.AssertNothingLostOrWastedAsync();
        foreach (var origin in origins)
        {
            var ready = origin.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready);
            Assert.Equal(OriginReasons.AlreadyRegistered, ready.Reason);
            Assert.Contains("integrationId is not known", ready.Message, StringComparison.Ordinal);
        }

        // Gong said it had them all (a batch answered 409 is split to find which origins it objects to: 2n - 1 calls at most).
        var again = world.Simulator.Calls.Skip(callsBefore).ToList();
        Assert.All(again, c => Assert.Equal(409, c.Status));
        Assert.InRange(again.Count, 1, (2 * names.Length) - 1);
        Assert.Equal(0, await second.StopAsync());
    }

    [Fact]
    public async Task The_leader_of_two_replicas_killed_mid_batch_hands_over_and_the_standby_registers_the_rest()
    {
        // One origin a call and a second per answer: the leader's calls come one after another, so it dies with some
        // origins registered and written, one answer on its way to status, and the rest not yet called.
        const int Origins = 6;
        await using var world = await FaultWorld.StartAsync(new GongSimulatorOptions { Faults = new SimulatorFaultSpec { LatencyMs = 1000 } }, startOperator: false);
        string[] Args() => [.. RunArgs(world), "--leader-elect", "--leader-election-namespace", world.Namespace, "--log-format", "text", "--gong-batch-size", "1"];
        await using var a = OperatorProcess.Start(Args());
        await using var b = OperatorProcess.Start(Args());
        var lease = await LeaseHolderAsync(world);
        await Eventually.HoldsAsync(() => a.Output.Contains(lease, StringComparison.Ordinal) || b.Output.Contains(lease, StringComparison.Ordinal), "the leader logged its identity");
        var (leader, standby) = a.Output.Contains(lease, StringComparison.Ordinal) ? (a, b) : (b, a);

        // From Gong's second answer on, the leader's status writes hang: the kill lands with that answer not yet written.
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<ApiFault?>(TaskCreationOptions.RunContinuationsAsynchronously);
        world.Server.Intercept(async (request, ct) =>
        {
            if (request is not { Method: "PUT", Subresource: "status", Resource: GongIntegrationOrigin.Plural }
                || world.Simulator.Calls.Count(c => c.Status == 200) < 2)
            {
                return null;
            }

            holding.TrySetResult();
            return await release.Task.WaitAsync(ct);
        });
        var names = await world.CreateOriginsAsync("handover", Origins);
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);
        await leader.KillAsync();

        // A held write of the dead leader is answered, never applied; the standby's writes pass.
        world.Server.Intercept(null);
        release.SetResult(new ApiFault(503, "ServiceUnavailable", "the writer was killed"));
        var notReadyAtKill = (await world.ListAsync()).Where(o => !o.IsReady()).Select(o => o.Metadata.Name).ToList();
        Assert.NotEmpty(notReadyAtKill);

        await world.WaitAllReadyAsync(names.Length, TimeSpan.FromSeconds(90));
        var origins = await world.AssertNothingLostOrWastedAsync();

        // The standby took the Lease once it expired and called for exactly the origins nobody had written Ready by then.
        var takenAt = await LeaseTakenFromAsync(world, lease);
        var leftToStandby = origins.Where(o => world.History.FirstReadyAtGeneration(o.Metadata.Name, o.Metadata.Generation ?? 0) is not { } at || at >= takenAt)
            .Select(o => o.Metadata.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Subset(notReadyAtKill.ToHashSet(StringComparer.Ordinal), leftToStandby.ToHashSet(StringComparer.Ordinal));
        var standbyCalls = world.Simulator.Calls.Where(c => c.Time >= takenAt).ToList();
        Assert.Equal(leftToStandby.Select(FaultWorld.OriginOf).Order(StringComparer.Ordinal), standbyCalls.SelectMany(c => c.Items).Select(i => i.AllowedOrigin!).Distinct().Order(StringComparer.Ordinal));
        // Some of them the leader never called: the standby registered them, it did not only hear 409s.
        Assert.Contains(standbyCalls, c => c.Status == 200);
        Assert.False(standby.HasExited);
    }

    [Fact]
    public async Task An_API_server_killed_mid_write_loads_every_acknowledged_write_and_drops_a_torn_log_tail()
    {
        var stateDir = Directory.CreateTempSubdirectory("gong-faults-apiserver-").FullName;
        try
        {
            var acknowledged = new List<string>();
            await using (var server = OperatorProcess.Start("apiserver", "--state-dir", stateDir, "--port", "0"))
            {
                using var client = ClientOf(await server.WaitForReadyAsync());
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
                var writer = Task.Run(
                    async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var name = "write-" + i.ToString(CultureInfo.InvariantCulture);
                        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["i"] = name } }, "default", cancellationToken: stop.Token);
                        lock (acknowledged)
                        {
                            acknowledged.Add(name);
                        }
                    }
                },
                    TestContext.Current.CancellationToken);
                await Eventually.HoldsAsync(() => { lock (acknowledged) { return acknowledged.Count >= 40; } }, "40 writes were acknowledged", TimeSpan.FromSeconds(60));

                await server.KillAsync();
                await stop.CancelAsync();
                await Assert.ThrowsAnyAsync<Exception>(() => writer);
            }

            // The kill may land between two appends: make the torn tail a crash inside an append leaves.
            await File.AppendAllTextAsync(Path.Combine(stateDir, "objects", "wal.jsonl"), "{\"rv\":999999,\"res\":\"configmaps\",\"key\":\"default/torn\",\"obj\":{\"meta", TestContext.Current.CancellationToken);
            await using var restarted = OperatorProcess.Start("apiserver", "--state-dir", stateDir, "--port", "0");
            using var after = ClientOf(await restarted.WaitForReadyAsync());

            var stored = (await after.CoreV1.ListNamespacedConfigMapAsync("default", cancellationToken: TestContext.Current.CancellationToken)).Items.Select(c => c.Metadata.Name).ToHashSet(StringComparer.Ordinal);
            Assert.All(acknowledged, n => Assert.Contains(n, stored));
            Assert.DoesNotContain("torn", stored);
            // At most the one write in flight at the kill committed without its acknowledgement arriving.
            Assert.InRange(stored.Count, acknowledged.Count, acknowledged.Count + 1);
            await after.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "after-restart" } }, "default", cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(0, await restarted.StopAsync());
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_API_server_process_on_the_same_state_dir_is_refused()
    {
        var stateDir = Directory.CreateTempSubdirectory("gong-faults-lock-").FullName;
        try
        {
            await using var first = OperatorProcess.Start("apiserver", "--state-dir", stateDir, "--port", "0");
            var ready = await first.WaitForReadyAsync();
            var kubeconfig = await File.ReadAllTextAsync(Path.Combine(stateDir, "kubeconfig"), TestContext.Current.CancellationToken);

            await using var second = OperatorProcess.Start("apiserver", "--state-dir", stateDir, "--port", "0");
            await Eventually.HoldsAsync(() => second.HasExited, "the second server ended", TimeSpan.FromSeconds(60));

            Assert.Equal(1, second.ExitCode);
            Assert.Contains($"the state dir {stateDir} is in use by another gong-operator", second.Output, StringComparison.Ordinal);
            Assert.Equal(kubeconfig, await File.ReadAllTextAsync(Path.Combine(stateDir, "kubeconfig"), TestContext.Current.CancellationToken));
            using var client = ClientOf(ready);
            Assert.NotEmpty((await client.CoreV1.ListNamespaceAsync(cancellationToken: TestContext.Current.CancellationToken)).Items);
            Assert.Equal(0, await first.StopAsync());
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }

    internal static string[] RunArgs(FaultWorld world)
    {
        var o = world.OperatorOptions;
        return
        [
            "run", "--kubeconfig", o.Kubeconfig!, "--namespaces", world.Namespace, "--default-credentials-secret", o.DefaultCredentialsSecret!,
            "--gong-base-url", o.GongBaseUrl.ToString(), "--metrics-bind-address", "0", "--health-probe-bind-address", "0", "--reassert-period", "0",
        ];
    }

    /// <summary>When another replica than <paramref name="formerHolder"/> acquired the Lease (waits, bounded, for it to).</summary>
    private static async Task<DateTimeOffset> LeaseTakenFromAsync(FaultWorld world, string formerHolder)
    {
        V1LeaseSpec? spec = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                var leases = await world.Client.CoordinationV1.ListNamespacedLeaseAsync(world.Namespace, cancellationToken: TestContext.Current.CancellationToken);
                spec = leases.Items.SingleOrDefault()?.Spec;
                return spec?.HolderIdentity is { } holder && holder != formerHolder && spec.AcquireTime is not null;
            },
            "the standby took the Lease",
            TimeSpan.FromSeconds(60));
        var acquired = spec!.AcquireTime!.Value;
        return new DateTimeOffset(acquired.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(acquired, DateTimeKind.Utc) : acquired);
    }

    internal static async Task<string> LeaseHolderAsync(FaultWorld world)
    {
        string? holder = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                var leases = await world.Client.CoordinationV1.ListNamespacedLeaseAsync(world.Namespace, cancellationToken: TestContext.Current.CancellationToken);
                holder = leases.Items.SingleOrDefault()?.Spec?.HolderIdentity;
                return holder is not null;
            },
            "a replica holds the Lease",
            TimeSpan.FromSeconds(60));
        return holder!;
    }

    private static k8s.Kubernetes ClientOf(string readyLine)
    {
        var kubeconfig = readyLine.Split(' ').Single(f => f.StartsWith("kubeconfig=", StringComparison.Ordinal))["kubeconfig=".Length..];
        return new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
    }
}
