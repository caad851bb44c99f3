using GongOperator.GongSimulator;
using GongOperator.Testing;

namespace GongOperator.Tests.EndToEnd;

/// <summary>What a person sees through the real kubectl while the operator runs.</summary>
public sealed class KubectlIntegrationTests
{
    /// <summary>A 255-character host (four 63-character labels) within the 267-character bound: only the host-length pattern refuses it.</summary>
    private const string LongHostOrigin = "http://"
        + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
        + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    [Fact]
    public async Task Apply_wait_get_describe_and_explain_work_as_on_a_cluster()
    {
        await using var env = await OperatorEnvironment.StartAsync(new GongSimulatorOptions { Faults = new SimulatorFaultSpec { NextIntegrationIds = [9223372036854775807] } });
        var manifest = Manifest("acme-dialer", "https://acme.partner.com");

        var apply = await KubeTools.RunAsync(KubeTools.Kubectl, ["--kubeconfig", env.Cluster.KubeconfigPath, "-n", env.Namespace, "apply", "-f", "-"], stdin: manifest);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("gongintegrationorigin.gongoperator.io/acme-dialer created", apply.Stdout, StringComparison.Ordinal);

        var wait = await env.KubectlAsync("wait", "--for=condition=Ready", "gio/acme-dialer", "--timeout=60s");
        Assert.True(wait.ExitCode == 0, wait.ToString());

        var get = await env.KubectlAsync("get", "gio");
        Assert.True(get.ExitCode == 0, get.ToString());
        var lines = get.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+TYPE\s+ORIGIN\s+READY\s+REASON\s+INTEGRATION-ID\s+AGE", lines[0]);
        Assert.Matches(@"^acme-dialer\s+DIALER\s+https://acme\.partner\.com\s+True\s+Registered\s+9223372036854775807\s+", lines[1]);

        var byCategory = await env.KubectlAsync("get", "gong", "-o", "name");
        Assert.Equal("gongintegrationorigin.gongoperator.io/acme-dialer", byCategory.Stdout.Trim());

        var describe = await env.KubectlAsync("describe", "gio", "acme-dialer");
        Assert.Contains("Normal  Registered", describe.Stdout, StringComparison.Ordinal);
        Assert.Contains("Gong accepted https://acme.partner.com for DIALER.", describe.Stdout, StringComparison.Ordinal);

        var explain = await env.KubectlAsync("explain", "gongintegrationorigin.spec");
        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Contains("allowedOrigin", explain.Stdout, StringComparison.Ordinal);
        Assert.Contains("The origin Gong may load in an iFrame", explain.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://acme.partner.com", "spec.allowedOrigin")]
    [InlineData("https://acme.partner.com/path", "spec.allowedOrigin")]
    [InlineData("https://*.partner.com", "spec.allowedOrigin")]
    [InlineData("https://acme.partner.com:0", "spec.allowedOrigin")]
    [InlineData("https://acme.partner.com:70000", "spec.allowedOrigin")]
    [InlineData(LongHostOrigin, "spec.allowedOrigin")]
    public async Task An_invalid_origin_is_refused_at_apply_with_the_field_named(string origin, string field)
    {
        await using var env = await OperatorEnvironment.StartAsync(startOperator: false);

        var apply = await KubeTools.RunAsync(KubeTools.Kubectl, ["--kubeconfig", env.Cluster.KubeconfigPath, "-n", env.Namespace, "apply", "-f", "-"], stdin: Manifest("bad", origin));

        Assert.NotEqual(0, apply.ExitCode);
        Assert.Contains("is invalid", apply.Stderr, StringComparison.Ordinal);
        Assert.Contains(field, apply.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Secret_reference_into_another_namespace_is_refused_at_apply()
    {
        await using var env = await OperatorEnvironment.StartAsync(startOperator: false);
        var manifest = Manifest("cross", "https://acme.partner.com") + "  credentialsSecretRef:\n    name: gong-credentials\n    namespace: other-team\n";

        var apply = await KubeTools.RunAsync(KubeTools.Kubectl, ["--kubeconfig", env.Cluster.KubeconfigPath, "-n", env.Namespace, "apply", "-f", "-"], stdin: manifest);

        Assert.NotEqual(0, apply.ExitCode);
        Assert.Contains("unknown field \"spec.credentialsSecretRef.namespace\"", apply.Stderr, StringComparison.Ordinal);
    }

    private static string Manifest(string name, string origin) => $"""
        apiVersion: gongoperator.io/v1alpha1
        kind: GongIntegrationOrigin
        metadata:
          name: {name}
        spec:
          integrationType: DIALER
          allowedOrigin: "{origin}"

        """;
}
