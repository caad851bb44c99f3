using GongOperator.LocalCluster.Tests.Server;
using GongOperator.Testing;

namespace GongOperator.LocalCluster.Tests.RealClients;

/// <summary>A server plus a private home/cache directory for running the real kubectl and helm against it.</summary>
internal sealed class ClientSandbox : IAsyncDisposable
{
    private readonly string _home;

    private ClientSandbox(TestCluster cluster, string home)
    {
        Cluster = cluster;
        _home = home;
    }

    public TestCluster Cluster { get; }

    public string Home => _home;

    public static async Task<ClientSandbox> StartAsync(LocalApiServerOptions? options = null)
    {
        var cluster = await TestCluster.StartAsync(options);
        var home = Directory.CreateTempSubdirectory("apiserver-clients-").FullName;
        return new ClientSandbox(cluster, home);
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_home, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["HOME"] = _home,
        ["KUBECONFIG"] = Cluster.Server.KubeconfigPath,
        ["HELM_CACHE_HOME"] = Path.Combine(_home, ".helm-cache"),
        ["HELM_CONFIG_HOME"] = Path.Combine(_home, ".helm-config"),
        ["HELM_DATA_HOME"] = Path.Combine(_home, ".helm-data"),
    };

    public Task<ToolResult> KubectlAsync(params string[] args) =>
        KubeTools.RunAsync(KubeTools.Kubectl, ["--kubeconfig", Cluster.Server.KubeconfigPath, "--cache-dir", Path.Combine(_home, ".kube-cache"), .. args], TimeSpan.FromSeconds(90), Environment());

    public Task<ToolResult> HelmAsync(params string[] args) =>
        KubeTools.RunAsync(KubeTools.Helm, ["--kubeconfig", Cluster.Server.KubeconfigPath, .. args], TimeSpan.FromSeconds(120), Environment());

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // a tool may still hold a cache file open; the temp dir is cleaned by the OS later
        }
    }
}
