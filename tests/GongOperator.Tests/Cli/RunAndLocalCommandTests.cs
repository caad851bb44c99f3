using GongOperator.Cli;
using GongOperator.LocalCluster;

namespace GongOperator.Tests.Cli;

public sealed class RunAndLocalCommandTests
{
    [Fact]
    public async Task Run_against_a_cluster_without_the_CRD_exits_1_with_one_line_naming_it()
    {
        await using var server = await LocalApiServer.StartAsync(new LocalApiServerOptions(), TestContext.Current.CancellationToken);
        var stderr = new StringWriter();

        var code = await GongOperatorCli.RunAsync(["run", "--kubeconfig", server.KubeconfigPath, "--metrics-bind-address", "0", "--health-probe-bind-address", "0"], new StringWriter(), stderr);

        Assert.Equal(1, code);
        Assert.Equal(
            "gong-operator run: the GongIntegrationOrigin CRD (gongintegrationorigins.gongoperator.io) is not installed: kubectl apply -f config/crd/gongoperator.io_gongintegrationorigins.yaml",
            stderr.ToString().Trim());
    }

    [Fact]
    public async Task Run_with_a_missing_kubeconfig_exits_1_with_one_line()
    {
        var stderr = new StringWriter();

        var code = await GongOperatorCli.RunAsync(["run", "--kubeconfig", "/nonexistent/kubeconfig"], new StringWriter(), stderr);

        Assert.Equal(1, code);
        Assert.Equal("gong-operator run: Kubeconfig not found: /nonexistent/kubeconfig (from --kubeconfig).", stderr.ToString().Trim());
    }

    [Fact]
    public async Task Local_with_a_real_Gong_but_no_credentials_exits_2_with_one_line()
    {
        var stderr = new StringWriter();
        if (Environment.GetEnvironmentVariable("GONG_ACCESS_KEY") is not null || Environment.GetEnvironmentVariable("GONG_ACCESS_TOKEN") is not null)
        {
            Assert.Skip("GONG_ACCESS_KEY or GONG_ACCESS_TOKEN is set in this environment; the test needs them unset");
        }

        var code = await GongOperatorCli.RunAsync(["local", "--gong-base-url", "https://company-17.api.gong.io"], new StringWriter(), stderr);

        Assert.Equal(2, code);
        Assert.Equal(
            "gong-operator local: --gong-base-url needs credentials: set GONG_ACCESS_KEY + GONG_ACCESS_KEY_SECRET, or GONG_ACCESS_TOKEN (one kind, not both)",
            stderr.ToString().Trim());
    }

    [Fact]
    public async Task An_unknown_subcommand_is_named()
    {
        var stderr = new StringWriter();

        var code = await GongOperatorCli.RunAsync(["bogus"], new StringWriter(), stderr);

        Assert.Equal(2, code);
        Assert.Equal("gong-operator: unknown command 'bogus' (see 'gong-operator --help')", stderr.ToString().Trim());
    }
}
