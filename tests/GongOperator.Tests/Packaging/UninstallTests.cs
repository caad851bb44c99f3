using GongOperator.LocalCluster;
using GongOperator.Testing;

namespace GongOperator.Tests.Packaging;

/// <summary>
/// docs/upgrade-and-uninstall.md, run with the real kubectl: `kubectl delete -k config/default` would delete the CRD
/// (and with it every origin), while the documented label selector removes the operator and keeps both.
/// </summary>
public sealed class UninstallTests
{
    [Fact]
    public async Task Deleting_config_default_by_the_operator_label_keeps_the_crd_the_namespace_and_every_origin()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await LocalApiServer.StartAsync(new LocalApiServerOptions(), ct);
        async Task<ToolResult> Kubectl(params string[] args)
        {
            var result = await KubeTools.RunAsync(KubeTools.Kubectl, ["--kubeconfig", server.KubeconfigPath, .. args], TimeSpan.FromSeconds(60));
            Assert.True(result.ExitCode == 0, result.ToString());
            return result;
        }

        var configDefault = Path.Combine(KubeTools.RepositoryRoot, "config", "default");
        await Kubectl("apply", "--server-side", "-k", configDefault);
        await Kubectl("apply", "-f", Path.Combine(KubeTools.RepositoryRoot, "config", "samples", "dialer-origin.yaml"));

        var everything = await Kubectl("delete", "-k", configDefault, "--dry-run=client");
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io \"gongintegrationorigins.gongoperator.io\" deleted", everything.Stdout, StringComparison.Ordinal);
        var safe = await Kubectl("delete", "-k", configDefault, "-l", "app.kubernetes.io/name=gong-operator");

        Assert.Contains("deployment.apps \"gong-operator\" deleted", safe.Stdout, StringComparison.Ordinal);
        Assert.Contains("clusterrole.rbac.authorization.k8s.io \"gong-operator\" deleted", safe.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("customresourcedefinition", safe.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("namespace \"gong-operator-system\" deleted", safe.Stdout, StringComparison.Ordinal);
        Assert.Equal("namespace/gong-operator-system", (await Kubectl("get", "namespace", "gong-operator-system", "-o", "name")).Stdout.Trim());
        Assert.Equal("gongintegrationorigin.gongoperator.io/acme-dialer", (await Kubectl("get", "gio", "acme-dialer", "-n", "default", "-o", "name")).Stdout.Trim());
        Assert.Empty((await Kubectl("get", "deployments,clusterroles", "-A", "-l", "app.kubernetes.io/name=gong-operator", "-o", "name")).Stdout.Trim());
    }
}
