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
        using var client = KubernetesConnection.CreateClient(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath), new KubernetesConnectionOptions { Qps = 0 });
        await ClusterBootstrap.InstallCrdAsync(client, ct);
        await ClusterBootstrap.EnsureNamespaceAsync(client, Namespace, ct);
        await ClusterBootstrap.WriteSecretAsync(client, Namespace, "gong", new Dictionary<string, string> { ["accessKey"] = "AKEY9", ["accessKeySecret"] = "never-printed" }, ct);
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

    private static GongIntegrationOrigin NewOrigin(string name, string allowedOrigin) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        Spec = new GongIntegrationOriginSpec { IntegrationType = IntegrationTypes.All[0], AllowedOrigin = allowedOrigin, CredentialsSecretRef = new SecretReference { Name = "gong" } },
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
