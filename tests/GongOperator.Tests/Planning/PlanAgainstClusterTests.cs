using GongOperator.Cli;
using GongOperator.Hosting;
using GongOperator.Kubernetes.Connection;
using GongOperator.Kubernetes.Resources;
using GongOperator.LocalCluster;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s;
using k8s.Models;

namespace GongOperator.Tests.Planning;

/// <summary><c>gong-operator plan --kubeconfig</c> against the embedded API server: status decides new, changed, unchanged.</summary>
public sealed class PlanAgainstClusterTests
{
    private const string Namespace = "tenants";

    [Fact]
    public async Task Status_decides_new_changed_and_unchanged_and_only_what_is_due_costs_calls()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await LocalApiServer.StartAsync(new LocalApiServerOptions(), ct);
        using var client = await ClusterWithCredentialsAsync(server, Namespace, ct);
        var origins = new CustomResourceClient<GongIntegrationOrigin>(client);

        await origins.CreateAsync(NewOrigin("fresh", "https://fresh.partner.com"), ct);
        await MarkRegisteredAsync(origins, await origins.CreateAsync(NewOrigin("settled", "https://settled.partner.com"), ct), ct);
        var moved = await MarkRegisteredAsync(origins, await origins.CreateAsync(NewOrigin("moved", "https://old.partner.com"), ct), ct);
        moved.Spec.AllowedOrigin = "https://new.partner.com";
        await origins.ReplaceAsync(moved, ct);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await GongOperatorCli.RunAsync(["plan", "--kubeconfig", server.KubeconfigPath], stdout, stderr, new StringReader(""));

        Assert.True(code == 0, stdout + "\n" + stderr);
        Assert.Contains("company api.gong.io key:AKEY9 (Secrets: tenants/gong)", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("origins: 1 new, 1 changed, 1 unchanged, would be removed: n/a (incremental never removes)", stdout.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("plan: 3 origins, 1 calls over 1 companies\n", stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("never-printed", stdout.ToString() + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_credentials_secret_is_refused_and_a_cluster_without_the_CRD_is_one_line_and_exit_1()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await LocalApiServer.StartAsync(new LocalApiServerOptions(), ct);
        using var client = KubernetesConnection.CreateClient(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath), new KubernetesConnectionOptions { Qps = 0 });

        var stderr = new StringWriter();
        var code = await GongOperatorCli.RunAsync(["plan", "--kubeconfig", server.KubeconfigPath], new StringWriter(), stderr, new StringReader(""));
        Assert.Equal(1, code);
        Assert.Contains("CRD is not installed", stderr.ToString(), StringComparison.Ordinal);

        await ClusterBootstrap.InstallCrdAsync(client, ct);
        await ClusterBootstrap.EnsureNamespaceAsync(client, Namespace, ct);
        await new CustomResourceClient<GongIntegrationOrigin>(client).CreateAsync(NewOrigin("fresh", "https://fresh.partner.com"), ct);
        var stdout = new StringWriter();
        code = await GongOperatorCli.RunAsync(["plan", "--kubeconfig", server.KubeconfigPath], stdout, new StringWriter(), new StringReader(""));

        Assert.Equal(PlanCommand.Refused, code);
        Assert.Contains("refused tenants/fresh: The credentials Secret tenants/gong does not exist.", stdout.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("plan: 1 origins, 0 calls over 0 companies\n", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tenant_policy_refuses_as_the_operator_would_a_namespace_outside_the_selector_and_an_origin_outside_the_suffixes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await LocalApiServer.StartAsync(new LocalApiServerOptions(), ct);
        using var client = await ClusterWithCredentialsAsync(server, "ops", ct);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "admitted", Labels = new Dictionary<string, string> { ["gong-credentials"] = "default" } } }, cancellationToken: ct);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "outside" } }, cancellationToken: ct);
        var origins = new CustomResourceClient<GongIntegrationOrigin>(client);
        await origins.CreateAsync(NewOrigin("ok", "https://ok.partner.com", "admitted", secret: null), ct);
        await origins.CreateAsync(NewOrigin("elsewhere", "https://elsewhere.example.net", "admitted", secret: null), ct);
        await origins.CreateAsync(NewOrigin("stray", "https://stray.partner.com", "outside", secret: null), ct);

        var stdout = new StringWriter();
        var code = await GongOperatorCli.RunAsync(
            ["plan", "--kubeconfig", server.KubeconfigPath, "--default-credentials-secret", "ops/gong", "--default-credentials-namespace-selector", "gong-credentials=default", "--default-allowed-origin-suffixes", ".partner.com"],
            stdout,
            new StringWriter(),
            new StringReader(""));

        var report = stdout.ToString();
        Assert.Equal(PlanCommand.Refused, code);
        Assert.Contains("refused admitted/elsewhere: OriginNotAllowed: https://elsewhere.example.net is not under --default-allowed-origin-suffixes", report, StringComparison.Ordinal);
        Assert.Contains("refused outside/stray: CredentialsNotAllowed: Namespace outside may not use the operator-wide credentials Secret ops/gong", report, StringComparison.Ordinal);
        Assert.Contains("origins: 1 new, 0 changed, 0 unchanged", report, StringComparison.Ordinal);
        Assert.EndsWith("plan: 3 origins, 1 calls over 1 companies\n", report, StringComparison.Ordinal);
    }

    /// <summary>A client of <paramref name="server"/> with the CRD installed and a credentials Secret <c>gong</c> in <paramref name="ns"/>.</summary>
    private static async Task<IKubernetes> ClusterWithCredentialsAsync(LocalApiServer server, string ns, CancellationToken ct)
    {
        var client = KubernetesConnection.CreateClient(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath), new KubernetesConnectionOptions { Qps = 0 });
        await ClusterBootstrap.InstallCrdAsync(client, ct);
        await ClusterBootstrap.EnsureNamespaceAsync(client, ns, ct);
        await ClusterBootstrap.WriteSecretAsync(client, ns, "gong", new Dictionary<string, string> { ["accessKey"] = "AKEY9", ["accessKeySecret"] = "never-printed" }, ct);
        return client;
    }

    private static GongIntegrationOrigin NewOrigin(string name, string allowedOrigin, string ns = Namespace, string? secret = "gong") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new GongIntegrationOriginSpec { IntegrationType = IntegrationTypes.All[0], AllowedOrigin = allowedOrigin, CredentialsSecretRef = secret is null ? null : new SecretReference { Name = secret } },
    };

    /// <summary>Writes the status the operator writes after Gong accepted the origin at its generation.</summary>
    private static Task<GongIntegrationOrigin> MarkRegisteredAsync(CustomResourceClient<GongIntegrationOrigin> origins, GongIntegrationOrigin origin, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        origin.Status = new GongIntegrationOriginStatus
        {
            ObservedGeneration = origin.Metadata.Generation ?? 1,
            IntegrationId = "7883937012045596977",
            RegisteredOrigin = origin.Spec.AllowedOrigin,
            RegisteredIntegrationType = origin.Spec.IntegrationType,
            LastRegisteredTime = now,
            Conditions = [new V1Condition { Type = ConditionTypes.Ready, Status = "True", Reason = OriginReasons.Registered, Message = "Registered.", LastTransitionTime = now }],
        };
        return origins.ReplaceStatusAsync(origin, ct);
    }
}
