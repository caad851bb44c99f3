using System.Text;
using GongOperator.GongSimulator;
using GongOperator.OAuth;
using GongOperator.Reconciliation;
using k8s;
using k8s.Models;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Tests.EndToEnd;

/// <summary>The operator with an OAuth seed Secret against the simulator's token endpoint, with access tokens that live seconds.</summary>
public sealed class OAuthIntegrationTests
{
    private const string SeedName = "gong-oauth";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Origins_stay_Ready_and_new_ones_register_across_three_rotations_with_no_invalid_grant()
    {
        await using var env = await StartAsync();
        await WriteSeedAsync(env, Simulator.DemoOAuthRefreshToken);

        for (var round = 0; round < 4; round++)
        {
            await env.CreateOriginAsync($"acme-{round}", $"https://acme{round}.partner.com", secretName: SeedName);
            await env.WaitForReasonAsync($"acme-{round}", OriginReasons.Registered);

            // Let the access token run out, so the next origin needs a refreshed one.
            var expiresAt = DateTimeOffset.UtcNow + TokenLifetime;
            await Eventually.HoldsAsync(() => DateTimeOffset.UtcNow >= expiresAt, "the access token expired", TimeSpan.FromSeconds(10));
        }

        for (var round = 0; round < 4; round++)
        {
            Assert.Equal(OriginReasons.Registered, (await env.GetOriginAsync($"acme-{round}")).ReadyReason());
        }

        var demo = Assert.Single(env.Simulator.GetAuthorizations());
        Assert.True(demo.Refreshes >= 4, $"{demo.Refreshes} refreshes");
        Assert.Equal(0, demo.InvalidGrants);
        var state = await env.Client.CoreV1.ReadNamespacedSecretAsync(SecretAuthorizationStore.NameFor(new(env.Namespace, SeedName)), env.Namespace, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("true", state.Metadata.Labels[SecretAuthorizationStore.ComponentLabel]);
        var seed = await env.Client.CoreV1.ReadNamespacedSecretAsync(SeedName, env.Namespace, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Simulator.DemoOAuthRefreshToken, Encoding.UTF8.GetString(seed.Data["refreshToken"]));
    }

    [Fact]
    public async Task A_revoked_authorization_stalls_and_a_new_refresh_token_in_the_seed_makes_it_Ready_within_seconds()
    {
        await using var env = await StartAsync();
        await WriteSeedAsync(env, Simulator.DemoOAuthRefreshToken);
        await env.CreateOriginAsync("acme", "https://acme.partner.com", secretName: SeedName);
        await env.WaitForReasonAsync("acme", OriginReasons.Registered);

        env.Simulator.RevokeAuthorization("demo");
        await env.CreateOriginAsync("beta", "https://beta.partner.com", secretName: SeedName);
        var revoked = await env.WaitForReasonAsync("beta", OriginReasons.AuthorizationRevoked);
        var stalled = revoked.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Stalled);
        Assert.Equal("True", stalled.Status);
        Assert.Contains($"{env.Namespace}/{SeedName}", stalled.Message, StringComparison.Ordinal);
        Assert.Contains("re-authorize", stalled.Message, StringComparison.Ordinal);

        var edited = DateTimeOffset.UtcNow;
        await WriteSeedAsync(env, env.Simulator.IssueSeed("demo"));
        await env.WaitForReasonAsync("beta", OriginReasons.Registered, TimeSpan.FromSeconds(15));
        Assert.True(DateTimeOffset.UtcNow - edited < TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Calls_made_with_a_token_go_to_the_companys_own_host_and_the_seed_is_never_written()
    {
        await using var env = await StartAsync();
        await WriteSeedAsync(env, Simulator.DemoOAuthRefreshToken);
        var before = await env.Client.CoreV1.ReadNamespacedSecretAsync(SeedName, env.Namespace, cancellationToken: TestContext.Current.CancellationToken);

        await env.CreateOriginAsync("acme", "https://acme.partner.com", secretName: SeedName);
        await env.WaitForReasonAsync("acme", OriginReasons.Registered);

        var after = await env.Client.CoreV1.ReadNamespacedSecretAsync(SeedName, env.Namespace, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Contains(env.Simulator.Calls, c => c.Status == 200 && c.AuthKind == SimulatedAuthKind.Bearer);
    }

    private static Task<OperatorEnvironment> StartAsync() =>
        OperatorEnvironment.StartAsync(
            new GongSimulatorOptions { TokenLifetime = TokenLifetime },
            o => o with { GongOAuthTokenUrl = new Uri(o.GongBaseUrl, "oauth2/generate-customer-token"), OAuthStateNamespace = o.Namespaces[0] });

    private static Task WriteSeedAsync(OperatorEnvironment env, string refreshToken) =>
        env.WriteSecretAsync(SeedName, new Dictionary<string, string>
        {
            ["clientId"] = Simulator.DemoOAuthClientId,
            ["clientSecret"] = Simulator.DemoOAuthClientSecret,
            ["refreshToken"] = refreshToken,
        });
}
