using GongOperator.GongSimulator;
using GongOperator.Hosting;
using GongOperator.Kubernetes.Controllers;
using GongOperator.LocalCluster;
using GongOperator.OAuth;
using GongOperator.Resources;
using GongOperator.Tests.Cli;
using GongOperator.Tests.EndToEnd;
using k8s;
using k8s.Models;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Tests.Faults;

/// <summary>
/// Two operator processes with leader election sharing one OAuth authorization, and a leader change in the middle of a
/// refresh: Gong has answered the leader's refresh and its save to the state Secret is on its way when the leader
/// freezes (SIGSTOP: a long GC pause, a stalled VM) and the standby takes the Lease. The new leader needs a token at
/// once; it must wait for the frozen leader's answer, not spend the refresh token Gong already rotated.
/// </summary>
[Collection(nameof(ProcessFaultTests))]
public sealed class OAuthLeaderChangeTests
{
    private const string SeedName = "gong-oauth";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task A_leader_change_mid_refresh_spends_no_refresh_token_twice_and_the_new_leader_goes_on_rotating()
    {
        await using var world = await FaultWorld.StartAsync(new GongSimulatorOptions { TokenLifetime = TokenLifetime }, startOperator: false);
        await ClusterBootstrap.WriteSecretAsync(world.Client, world.Namespace, SeedName, new Dictionary<string, string>
        {
            ["clientId"] = Simulator.DemoOAuthClientId,
            ["clientSecret"] = Simulator.DemoOAuthClientSecret,
            ["refreshToken"] = Simulator.DemoOAuthRefreshToken,
        }, TestContext.Current.CancellationToken);
        string[] Args() =>
        [
            .. ProcessFaultTests.RunArgs(world), "--leader-elect", "--leader-election-namespace", world.Namespace, "--log-format", "text",
            "--gong-oauth-token-url", world.Simulator.TokenUrl.ToString(), "--oauth-state-namespace", world.Namespace,
        ];
        await using var a = OperatorProcess.Start(Args());
        await using var b = OperatorProcess.Start(Args());
        var lease = await ProcessFaultTests.LeaseHolderAsync(world);
        await Eventually.HoldsAsync(() => a.Output.Contains(lease, StringComparison.Ordinal) || b.Output.Contains(lease, StringComparison.Ordinal), "the leader logged its identity");
        var (leader, standby) = a.Output.Contains(lease, StringComparison.Ordinal) ? (a, b) : (b, a);
        await world.CreateOriginAsync("oauth-0", SeedName);
        await world.WaitAllReadyAsync(1, TimeSpan.FromSeconds(90));

        // Hold the save of the next refresh: once Gong has answered it, the state Secret's update waits here.
        var state = SecretAuthorizationStore.NameFor(new ObjectKey(world.Namespace, SeedName));
        var before = Refreshes(world.Simulator);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<ApiFault?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var readsWhileHeld = 0;
        world.Server.Intercept(async (request, ct) =>
        {
            if (request.Resource != "secrets" || request.Name != state || release.Task.IsCompleted)
            {
                return null;
            }

            if (request.Method == "GET" && held.Task.IsCompleted)
            {
                Interlocked.Increment(ref readsWhileHeld);
            }

            if (request.Method != "PUT" || Refreshes(world.Simulator) == before)
            {
                return null;
            }

            held.TrySetResult();
            return await release.Task.WaitAsync(ct);
        });
        await WaitForExpiryAsync();
        await world.CreateOriginAsync("oauth-1", SeedName);
        await held.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        await leader.PauseAsync();
        try
        {
            await Eventually.HoldsAsync(async () => await ProcessFaultTests.LeaseHolderAsync(world) != lease, "the standby took the Lease", TimeSpan.FromSeconds(60));

            // The new leader needs a token for oauth-1, finds the frozen leader's claim and keeps reading the state.
            await Eventually.HoldsAsync(() => Volatile.Read(ref readsWhileHeld) >= 2, "the new leader waits on the claim", TimeSpan.FromSeconds(30));
        }
        finally
        {
            await leader.ResumeAsync();
            release.TrySetResult(null);
        }

        await world.WaitAllReadyAsync(2, TimeSpan.FromSeconds(90));

        // From the saved token the new leader rotates on its own.
        await WaitForExpiryAsync();
        await world.CreateOriginAsync("oauth-2", SeedName);
        await world.WaitAllReadyAsync(3, TimeSpan.FromSeconds(90));
        var authorization = Assert.Single(world.Simulator.GetAuthorizations());
        Assert.Equal(0, authorization.InvalidGrants);
        Assert.True(authorization.Refreshes >= before + 2, $"{authorization.Refreshes} refreshes");
        Assert.False(standby.HasExited);
    }

    private static int Refreshes(Simulator simulator) => simulator.GetAuthorizations().Single().Refreshes;

    /// <summary>Waits (bounded) until the access token issued by now has run out, so the next call needs a refresh.</summary>
    private static Task WaitForExpiryAsync()
    {
        var expiresAt = DateTimeOffset.UtcNow + TokenLifetime;
        return Eventually.HoldsAsync(() => DateTimeOffset.UtcNow >= expiresAt, "the access token expired", TokenLifetime * 3);
    }
}
