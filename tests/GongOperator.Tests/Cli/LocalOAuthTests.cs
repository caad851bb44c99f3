using System.Net;
using GongOperator.Cli;
using GongOperator.Kubernetes.Controllers;
using GongOperator.OAuth;
using GongOperator.Resources;
using GongOperator.Tests.EndToEnd;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Tests.Cli;

/// <summary>
/// The OAuth demo of laptop mode (config/samples/oauth-origin.yaml): by default tokens come from local's own simulator
/// and the state Secret goes to gong-operator-system, as <c>local --help</c> says; a token URL or state namespace the
/// user gives wins over both.
/// </summary>
public sealed class LocalOAuthTests : IDisposable
{
    private const string OriginName = "acme-composer-oauth";
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "gong-local-" + Guid.NewGuid().ToString("N")[..8]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task By_default_the_oauth_sample_gets_its_tokens_from_the_simulator_and_keeps_its_state_in_gong_operator_system()
    {
        await using var local = RunningCommand.Start(["local", "--state-dir", _stateDir], new LineWriter());
        using var client = Client(await local.WaitForReadyAsync());

        await CreateOAuthOriginAsync(client);

        await WaitForReadyAsync(client);
        Assert.True(await StateSecretExistsAsync(client, LocalCommand.SystemNamespace));
        Assert.Equal(0, await local.StopAsync());
    }

    [Fact]
    public async Task A_token_url_and_state_namespace_given_as_flags_win_over_the_laptop_defaults()
    {
        // Another Gong stand-in with the same demo app: its token answer names its own API, so the origin registers there.
        await using var other = await Simulator.StartAsync(new(), Ct);
        await using var local = RunningCommand.Start(
            ["local", "--state-dir", _stateDir, "--gong-oauth-token-url", other.TokenUrl.ToString(), "--oauth-state-namespace", "tokens"],
            new LineWriter());
        using var client = Client(await local.WaitForReadyAsync());
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "tokens" } }, cancellationToken: Ct);

        await CreateOAuthOriginAsync(client);

        await WaitForReadyAsync(client);
        Assert.True(Assert.Single(other.GetAuthorizations(), a => a.ClientId == Simulator.DemoOAuthClientId).Refreshes > 0);
        Assert.Contains(other.Registrations, r => r.AllowedOrigin == "https://composer.acme.partner.com");
        Assert.True(await StateSecretExistsAsync(client, "tokens"));
        Assert.False(await StateSecretExistsAsync(client, LocalCommand.SystemNamespace));
        Assert.Equal(0, await local.StopAsync());
    }

    private static k8s.Kubernetes Client(string readyLine) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(readyLine.Split(' ')[1]["kubeconfig=".Length..]));

    private static Task<GongIntegrationOrigin> CreateOAuthOriginAsync(k8s.Kubernetes client) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<GongIntegrationOrigin>(
            new GongIntegrationOrigin
            {
                Metadata = new V1ObjectMeta { Name = OriginName, NamespaceProperty = "default" },
                Spec = new GongIntegrationOriginSpec
                {
                    IntegrationType = IntegrationTypes.EmailComposer,
                    AllowedOrigin = "https://composer.acme.partner.com",
                    CredentialsSecretRef = new SecretReference { Name = LocalCommand.OAuthDemoSecretName },
                },
            },
            GongIntegrationOrigin.Group,
            GongIntegrationOrigin.Version,
            "default",
            GongIntegrationOrigin.Plural,
            cancellationToken: Ct);

    private static Task WaitForReadyAsync(k8s.Kubernetes client) =>
        Eventually.HoldsAsync(
            async () =>
            {
                var origin = await client.CustomObjects.GetNamespacedCustomObjectAsync<GongIntegrationOrigin>(
                    GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, "default", GongIntegrationOrigin.Plural, OriginName, Ct);
                return origin.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
            },
            "the OAuth origin is Ready");

    private static async Task<bool> StateSecretExistsAsync(k8s.Kubernetes client, string ns)
    {
        try
        {
            await client.CoreV1.ReadNamespacedSecretAsync(SecretAuthorizationStore.NameFor(new ObjectKey("default", LocalCommand.OAuthDemoSecretName)), ns, cancellationToken: Ct);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
