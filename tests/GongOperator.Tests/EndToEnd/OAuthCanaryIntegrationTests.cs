using System.Text;
using GongOperator.GongSimulator;
using GongOperator.Kubernetes.Controllers;
using GongOperator.OAuth;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace GongOperator.Tests.EndToEnd;

/// <summary>
/// Canary values (a unique client secret and refresh token, and every access and refresh token the state Secret held
/// along the way) through rotations, a revocation and a re-authorization, then searched for everywhere a user can look:
/// every log record at every level (message, structured state, scopes, exception), Events, the origins' status, the
/// metrics text, and the Secrets, ConfigMaps and Leases of every namespace except the seed and the state Secret.
/// </summary>
public sealed class OAuthCanaryIntegrationTests
{
    private const string SeedName = "gong-oauth-canary";
    private const string Company = "canary";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task No_client_secret_refresh_token_or_access_token_shows_anywhere_but_the_seed_and_the_state_Secret()
    {
        var tag = Guid.NewGuid().ToString("N");
        var clientSecret = "canary-client-secret-" + tag;
        var firstRefreshToken = "canary-refresh-token-" + tag;
        var canaries = new HashSet<string>(StringComparer.Ordinal) { clientSecret, firstRefreshToken };
        var logs = new FakeLoggerProvider(new FakeLogCollector());
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var company = new SimulatedCompany(Company) { OAuthClientId = "canary-app", OAuthClientSecret = clientSecret, OAuthRefreshToken = firstRefreshToken };
        await using var env = await OperatorEnvironment.StartAsync(
            new GongSimulatorOptions { Companies = [company], TokenLifetime = TokenLifetime },
            o => o with { GongOAuthTokenUrl = new Uri(o.GongBaseUrl, "oauth2/generate-customer-token"), OAuthStateNamespace = o.Namespaces[0] },
            loggerFactory: loggerFactory);
        var state = new ObjectKey(env.Namespace, SecretAuthorizationStore.NameFor(new(env.Namespace, SeedName)));
        await WriteSeedAsync(env, clientSecret, firstRefreshToken);

        for (var round = 0; round < 3; round++)
        {
            await env.CreateOriginAsync($"canary-{round}", $"https://canary{round}.partner.com", secretName: SeedName);
            await env.WaitForReasonAsync($"canary-{round}", OriginReasons.Registered);
            await CollectStateAsync(env, state, canaries);
            var expiresAt = DateTimeOffset.UtcNow + TokenLifetime;
            await Eventually.HoldsAsync(() => DateTimeOffset.UtcNow >= expiresAt, "the access token expired", TimeSpan.FromSeconds(10));
        }

        // The failure path writes messages too: a revocation, then a person's new refresh token.
        env.Simulator.RevokeAuthorization(Company);
        await env.CreateOriginAsync("canary-revoked", "https://revoked.partner.com", secretName: SeedName);
        await env.WaitForReasonAsync("canary-revoked", OriginReasons.AuthorizationRevoked);
        var reauthorized = env.Simulator.IssueSeed(Company);
        canaries.Add(reauthorized);
        await WriteSeedAsync(env, clientSecret, reauthorized);
        await env.WaitForReasonAsync("canary-revoked", OriginReasons.Registered, TimeSpan.FromSeconds(30));
        await CollectStateAsync(env, state, canaries);
        await Eventually.HoldsAsync(
            async () => (await EventsAsync(env)).Contains(OriginReasons.AuthorizationRevoked, StringComparison.Ordinal),
            "the AuthorizationRevoked Event was written");

        Assert.True(canaries.Count >= 6, $"only {canaries.Count} distinct secret values were seen");
        var places = new Dictionary<string, string>
        {
            ["logs"] = LogText(logs.Collector),
            ["events"] = await EventsAsync(env),
            ["origins"] = KubernetesJson.Serialize(await env.Client.CustomObjects.ListClusterCustomObjectAsync<KubernetesList<GongIntegrationOrigin>>(
                GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, GongIntegrationOrigin.Plural, cancellationToken: TestContext.Current.CancellationToken)),
            ["metrics"] = await MetricsAsync(env),
            ["other objects"] = await OtherObjectsAsync(env, new ObjectKey(env.Namespace, SeedName), state),
        };
        Assert.NotEmpty(places["logs"]);
        Assert.Contains("gong_api_calls_total", places["metrics"], StringComparison.Ordinal);
        foreach (var (place, text) in places)
        {
            foreach (var canary in canaries)
            {
                Assert.False(text.Contains(canary, StringComparison.Ordinal), $"a secret value appears in the {place}");
            }
        }
    }

    /// <summary>The tokens the state Secret holds now: the authorization's current secrets.</summary>
    private static async Task CollectStateAsync(OperatorEnvironment env, ObjectKey state, HashSet<string> canaries)
    {
        var secret = await env.Client.CoreV1.ReadNamespacedSecretAsync(state.Name, state.Namespace, cancellationToken: TestContext.Current.CancellationToken);
        foreach (var key in new[] { "refreshToken", "accessToken" })
        {
            if (secret.Data?.TryGetValue(key, out var value) == true)
            {
                canaries.Add(Encoding.UTF8.GetString(value));
            }
        }
    }

    private static string LogText(FakeLogCollector collector) => string.Join('\n', collector.GetSnapshot().Select(r => string.Join(
        " | ",
        r.Message,
        string.Join(",", r.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? []),
        string.Join(",", r.Scopes.Select(s => s?.ToString())),
        r.Exception?.ToString())));

    private static async Task<string> EventsAsync(OperatorEnvironment env) =>
        KubernetesJson.Serialize(await env.Client.CoreV1.ListEventForAllNamespacesAsync(cancellationToken: TestContext.Current.CancellationToken));

    private static async Task<string> MetricsAsync(OperatorEnvironment env)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(env.Operator!.MetricsAddress!, "/metrics"), TestContext.Current.CancellationToken);
    }

    /// <summary>Every Secret (its data decoded), ConfigMap and Lease in the cluster but the two that may hold the tokens.</summary>
    private static async Task<string> OtherObjectsAsync(OperatorEnvironment env, ObjectKey seed, ObjectKey state)
    {
        var ct = TestContext.Current.CancellationToken;
        var text = new StringBuilder();
        foreach (var secret in (await env.Client.CoreV1.ListSecretForAllNamespacesAsync(cancellationToken: ct)).Items)
        {
            var key = new ObjectKey(secret.Metadata.NamespaceProperty, secret.Metadata.Name);
            if (key != seed && key != state)
            {
                text.Append(KubernetesJson.Serialize(secret.Metadata));
                foreach (var value in secret.Data?.Values ?? [])
                {
                    text.Append('\n').Append(Encoding.UTF8.GetString(value));
                }
            }
        }

        text.Append(KubernetesJson.Serialize(await env.Client.CoreV1.ListConfigMapForAllNamespacesAsync(cancellationToken: ct)));
        text.Append(KubernetesJson.Serialize(await env.Client.CoordinationV1.ListLeaseForAllNamespacesAsync(cancellationToken: ct)));
        return text.ToString();
    }

    private static Task WriteSeedAsync(OperatorEnvironment env, string clientSecret, string refreshToken) =>
        env.WriteSecretAsync(SeedName, new Dictionary<string, string>
        {
            ["clientId"] = "canary-app",
            ["clientSecret"] = clientSecret,
            ["refreshToken"] = refreshToken,
        });
}
