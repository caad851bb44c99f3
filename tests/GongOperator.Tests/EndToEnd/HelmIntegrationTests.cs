using GongOperator.GongSimulator;
using GongOperator.Testing;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Tests.EndToEnd;

/// <summary>
/// The charts installed with the real helm 4 against the cluster while the operator runs (in-process, as the
/// embedded server runs no containers): what the README's install section and the tenant chart promise.
/// </summary>
public sealed class HelmIntegrationTests
{
    private static readonly TimeSpan HelmBound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Tenant_chart_install_waits_until_Gong_accepted_the_origin_then_upgrades_and_uninstalls()
    {
        await using var env = await OperatorEnvironment.StartAsync();
        await using var deployments = DeploymentControllerStandIn.PlayWhenMissing(env);
        var tenant = Path.Combine(KubeTools.RepositoryRoot, "charts", "examples", "tenant");

        var install = await HelmAsync(env, "install", "acme", tenant, "--set", "host=acme.partner.com", "--wait", "--timeout", "90s");
        Assert.True(install.ExitCode == 0, install.ToString());

        // --wait returned only after the operator's status write: the origin is Ready now, not later.
        var origin = await env.GetOriginAsync("acme-dialer");
        Assert.Equal("True", origin.Status!.Conditions!.Single(c => c.Type == "Ready").Status);
        Assert.Equal(1, env.GongCalls);

        var upgrade = await HelmAsync(env, "upgrade", "acme", tenant, "--set", "host=acme2.partner.com", "--wait", "--timeout", "90s");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        origin = await env.GetOriginAsync("acme-dialer");
        Assert.Equal("https://acme2.partner.com", origin.Status!.RegisteredOrigin);

        var uninstall = await HelmAsync(env, "uninstall", "acme", "--wait", "--timeout", "90s");
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        var list = await env.KubectlAsync("get", "gio", "-o", "name");
        Assert.Equal("", list.Stdout.Trim());
    }

    [Fact]
    public async Task Tenant_chart_install_fails_clearly_when_the_origin_is_Stalled()
    {
        await using var env = await OperatorEnvironment.StartAsync(new GongSimulatorOptions
        {
            Companies = [new SimulatedCompany(Simulator.DemoCompanyName) { AccessKey = Simulator.DemoAccessKey, AccessKeySecret = Simulator.DemoAccessKeySecret, PartnerDomain = "partner.com" }],
        });

        // The tenant's Deployment becomes available (played by the test on a bare API server), so only the origin fails.
        await using var deployments = DeploymentControllerStandIn.PlayWhenMissing(env);
        var tenant = Path.Combine(KubeTools.RepositoryRoot, "charts", "examples", "tenant");

        var install = await HelmAsync(env, "install", "stranger", tenant, "--set", "host=stranger.elsewhere.com", "--wait", "--timeout", "90s");

        Assert.NotEqual(0, install.ExitCode);
        Assert.Contains("Gong rejected https://stranger.elsewhere.com for DIALER", install.Stderr + install.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_chart_installs_upgrades_and_uninstalls_on_the_cluster()
    {
        await using var env = await OperatorEnvironment.StartAsync(startOperator: false);
        await using var deployments = DeploymentControllerStandIn.PlayWhenMissing(env);
        var chart = Path.Combine(KubeTools.RepositoryRoot, "charts", "gong-operator");

        // The chart's ClusterRole and ClusterRoleBinding are named after the release (it contains the chart name, so
        // the release name is the full name): unique per test, and uninstalled even when the test fails, so a shared
        // cluster keeps nothing that would collide with the next run.
        var release = "gong-operator-" + env.Namespace["e2e-".Length..];
        var uninstalled = false;
        try
        {
            var install = await HelmAsync(env, "install", release, chart, "--set", "credentials.existingSecret=" + OperatorEnvironment.SecretName, "--wait", "--timeout", "90s");
            Assert.True(install.ExitCode == 0, install.ToString());
            var deployment = await env.KubectlAsync("get", "deployment", release, "-o", "jsonpath={.spec.template.spec.containers[0].args}");
            Assert.Contains("--default-credentials-secret=$(POD_NAMESPACE)/" + OperatorEnvironment.SecretName, deployment.Stdout, StringComparison.Ordinal);
            var clusterRole = await env.KubectlAsync("get", "clusterrole", release, "-o", "name");
            Assert.True(clusterRole.ExitCode == 0, clusterRole.ToString());

            var upgrade = await HelmAsync(env, "upgrade", release, chart, "--reuse-values", "--set", "replicas=2", "--wait", "--timeout", "90s");
            Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
            var pdb = await env.KubectlAsync("get", "poddisruptionbudget", "-o", "name");
            Assert.Contains(release, pdb.Stdout, StringComparison.Ordinal);

            var uninstall = await HelmAsync(env, "uninstall", release, "--wait", "--timeout", "90s");
            uninstalled = uninstall.ExitCode == 0;
            Assert.True(uninstalled, uninstall.ToString());
            var left = await env.KubectlAsync("get", "deployment", "-o", "name");
            Assert.Equal("", left.Stdout.Trim());
            var clusterRoleLeft = await env.KubectlAsync("get", "clusterrole", release, "--ignore-not-found", "-o", "name");
            Assert.Equal("", clusterRoleLeft.Stdout.Trim());
        }
        finally
        {
            if (!uninstalled)
            {
                try
                {
                    await HelmAsync(env, "uninstall", release, "--ignore-not-found", "--wait", "--timeout", "90s");
                }
                catch (TimeoutException)
                {
                    // Best effort: the test's own failure is the one to report.
                }
            }
        }
    }

    private static Task<ToolResult> HelmAsync(OperatorEnvironment env, params string[] args) =>
        KubeTools.RunAsync(KubeTools.Helm, [.. args, "--kubeconfig", env.Cluster.KubeconfigPath, "--namespace", env.Namespace], HelmBound);
}
