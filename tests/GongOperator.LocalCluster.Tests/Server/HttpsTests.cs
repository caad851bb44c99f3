using GongOperator.Testing;
using k8s;

namespace GongOperator.LocalCluster.Tests.Server;

public sealed class HttpsTests
{
    [Fact]
    public async Task Https_with_the_generated_CA_in_the_kubeconfig_is_accepted_by_KubernetesClient_and_requires_the_token()
    {
        await using var server = await LocalApiServer.StartAsync(new LocalApiServerOptions { Https = true }, TestContext.Current.CancellationToken);
        Assert.Equal("https", server.BaseAddress.Scheme);
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
        var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");

        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var anonymous = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        using var response = await anonymous.GetAsync("/api/v1/namespaces", TestContext.Current.CancellationToken);
        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Kubectl_talks_to_the_https_server_with_the_token()
    {
        var kubectl = KubeTools.Kubectl;
        await using var server = await LocalApiServer.StartAsync(new LocalApiServerOptions { Https = true }, TestContext.Current.CancellationToken);
        var cache = Directory.CreateTempSubdirectory("apiserver-https-").FullName;
        try
        {
            var result = await KubeTools.RunAsync(kubectl, ["--kubeconfig", server.KubeconfigPath, "--cache-dir", cache, "get", "namespaces"], TimeSpan.FromSeconds(60));
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("kube-system", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
