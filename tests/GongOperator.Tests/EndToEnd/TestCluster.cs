using GongOperator.Kubernetes.Connection;
using GongOperator.LocalCluster;
using k8s;
using Testcontainers.K3s;

namespace GongOperator.Tests.EndToEnd;

/// <summary>
/// The cluster the end-to-end tests run against, chosen by GONG_OPERATOR_E2E_CLUSTER:
/// <c>embedded</c> (default: the project's embedded API server), <c>kubeconfig</c> (any cluster named by
/// GONG_OPERATOR_E2E_KUBECONFIG), <c>apiserver</c> (a bare kube-apiserver named by GONG_OPERATOR_E2E_KUBECONFIG:
/// no controller manager runs, so tests play the controllers they need, see <see cref="RunsControllers"/>), or
/// <c>k3s</c> (a real K3s through Testcontainers; skipped with a reason when no Docker engine answers). The same tests
/// run on all four.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    /// <summary>The K3s image for GONG_OPERATOR_E2E_CLUSTER=k3s (Kubernetes 1.31).</summary>
    public const string K3sImage = "rancher/k3s:v1.31.4-k3s1";

    private readonly IAsyncDisposable? _owned;

    private TestCluster(string kubeconfigPath, string kind, IAsyncDisposable? owned)
    {
        KubeconfigPath = kubeconfigPath;
        Kind = kind;
        _owned = owned;
        // The operator's own client setup (without the client-side QPS limit: tests write fast), so the test's calls
        // ride out a "retry after" answer as the operator's do.
        Client = KubernetesConnection.CreateClient(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath), new KubernetesConnectionOptions { Qps = 0 });
    }

    /// <summary>embedded, kubeconfig, apiserver or k3s.</summary>
    public string Kind { get; }

    /// <summary>
    /// False on a bare kube-apiserver: no Deployment controller makes a Deployment available, no namespace controller
    /// empties a deleted namespace, nothing is garbage-collected. A test that needs one of those plays it there.
    /// </summary>
    public bool RunsControllers => Kind != "apiserver";

    /// <summary>True when other tests (and other runs) use the same cluster: the test cleans up what it creates there.</summary>
    public bool Shared => _owned is null;

    /// <summary>A kubeconfig for kubectl, helm and the operator.</summary>
    public string KubeconfigPath { get; }

    /// <summary>A client for the test's own reads and writes.</summary>
    public IKubernetes Client { get; }

    /// <summary>Starts (or connects to) the chosen cluster.</summary>
    public static async Task<TestCluster> StartAsync(CancellationToken cancellationToken)
    {
        var kind = Environment.GetEnvironmentVariable("GONG_OPERATOR_E2E_CLUSTER") ?? "embedded";
        switch (kind)
        {
            case "embedded":
                var server = await LocalApiServer.StartAsync(new LocalApiServerOptions { CrdStorageSwapWindow = LocalApiServerOptions.StandardCrdStorageSwapWindow }, cancellationToken);
                return new TestCluster(server.KubeconfigPath, kind, server);
            case "kubeconfig" or "apiserver":
                var path = Environment.GetEnvironmentVariable("GONG_OPERATOR_E2E_KUBECONFIG");
                if (string.IsNullOrEmpty(path) || !File.Exists(path))
                {
                    Assert.Fail($"GONG_OPERATOR_E2E_CLUSTER={kind} needs GONG_OPERATOR_E2E_KUBECONFIG naming a kubeconfig file");
                }

                return new TestCluster(path!, kind, null);
            case "k3s":
                K3sContainer? container = null;
                try
                {
                    // Build() already asks Docker, so a missing engine fails here.
                    container = new K3sBuilder(K3sImage).Build();
                    await container.StartAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (container is not null)
                    {
                        await container.DisposeAsync();
                    }

                    Assert.Skip($"GONG_OPERATOR_E2E_CLUSTER=k3s but no Docker engine answered: {e.Message.Split('\n')[0]}");
                }

                var file = Path.Combine(Path.GetTempPath(), $"k3s-{Guid.NewGuid():N}.kubeconfig");
                await File.WriteAllTextAsync(file, await container.GetKubeconfigAsync(), cancellationToken);
                return new TestCluster(file, kind, container);
            default:
                Assert.Fail($"GONG_OPERATOR_E2E_CLUSTER must be embedded, kubeconfig, apiserver or k3s, not '{kind}'");
                throw new InvalidOperationException();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }
}
