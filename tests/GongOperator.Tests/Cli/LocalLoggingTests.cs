using System.Net;
using GongOperator.Resources;
using GongOperator.Tests.EndToEnd;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.Tests.Cli;

/// <summary>What a terminal shows in laptop mode: text lines, no per-call library chatter, no exception stacks.</summary>
public sealed class LocalLoggingTests : IDisposable
{
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
    public async Task Local_logs_text_lines_names_its_namespaces_and_deleting_a_namespace_of_origins_logs_no_exception()
    {
        await using var local = OperatorProcess.Start("local", "--state-dir", _stateDir, "--namespaces", "leaving,staying");
        var kubeconfig = (await local.WaitForReadyAsync()).Split(' ')[1]["kubeconfig=".Length..];
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        foreach (var ns in new[] { "leaving", "staying" })
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
            await CreateOriginAsync(client, ns);
        }

        await Eventually.HoldsAsync(async () => await IsReadyAsync(client, "leaving") && await IsReadyAsync(client, "staying"), "both origins are Ready");
        await client.CoreV1.DeleteNamespaceAsync("leaving", cancellationToken: Ct);
        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, "staying", GongIntegrationOrigin.Plural, "origin", cancellationToken: Ct);

        // Events are written one at a time in order: once the second deletion's Event exists, the first was tried.
        await Eventually.HoldsAsync(
            async () => (await client.CoreV1.ListNamespacedEventAsync("staying", cancellationToken: Ct)).Items.Any(e => e.Reason == "StoppedManaging"),
            "the StoppedManaging Event of the origin deleted alone");
        Assert.Equal(0, await local.StopAsync());

        var lines = local.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var logLines = lines.Where(l => !l.StartsWith("ready ", StringComparison.Ordinal)).ToList();
        Assert.All(logLines, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (trce|dbug|info|warn|fail|crit): ", l));
        Assert.Contains(logLines, l => l.Contains("Operator started: watching namespaces leaving, staying with 4 workers", StringComparison.Ordinal));
        Assert.Contains(logLines, l => l.Contains("Deleted leaving/origin: Gong keeps https://leaving.partner.com", StringComparison.Ordinal));
        Assert.Contains(logLines, l => l.Contains("Gong answered staying/origin: Registered", StringComparison.Ordinal));
        Assert.DoesNotContain(logLines, l => l.Contains("Polly", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
        Assert.DoesNotContain(logLines, l => l.Contains(" warn: ", StringComparison.Ordinal) || l.Contains(" fail: ", StringComparison.Ordinal));
    }

    private static Task<GongIntegrationOrigin> CreateOriginAsync(k8s.Kubernetes client, string ns) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<GongIntegrationOrigin>(
            new GongIntegrationOrigin
            {
                Metadata = new V1ObjectMeta { Name = "origin", NamespaceProperty = ns },
                Spec = new GongIntegrationOriginSpec { IntegrationType = IntegrationTypes.Dialer, AllowedOrigin = $"https://{ns}.partner.com" },
            },
            GongIntegrationOrigin.Group,
            GongIntegrationOrigin.Version,
            ns,
            GongIntegrationOrigin.Plural,
            cancellationToken: Ct);

    private static async Task<bool> IsReadyAsync(k8s.Kubernetes client, string ns)
    {
        try
        {
            var origin = await client.CustomObjects.GetNamespacedCustomObjectAsync<GongIntegrationOrigin>(
                GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, ns, GongIntegrationOrigin.Plural, "origin", Ct);
            return origin.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
