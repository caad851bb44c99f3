using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.LocalCluster.Tests.Server;

public sealed class KubernetesClientTests
{
    private static Kubernetes Client(TestCluster cluster) => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Server.KubeconfigPath));

    [Fact]
    public async Task Lists_namespaces_and_creates_and_patches_a_config_map()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var client = Client(cluster);
        var ct = TestContext.Current.CancellationToken;
        var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: ct);
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "kube-system");

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "default", cancellationToken: ct);
        Assert.NotNull(created.Metadata.Uid);

        var patch = new V1Patch("""{"data":{"b":"2"}}""", V1Patch.PatchType.MergePatch);
        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(patch, "settings", "default", cancellationToken: ct);
        Assert.Equal("2", patched.Data["b"]);
        Assert.Equal("1", patched.Data["a"]);

        await client.CoreV1.DeleteNamespacedConfigMapAsync("settings", "default", cancellationToken: ct);
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("settings", "default", cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.Response.StatusCode);
    }

    [Fact]
    public async Task Custom_objects_are_created_listed_conflicted_and_status_updated()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        using var client = Client(cluster);
        var ct = TestContext.Current.CancellationToken;
        var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(TestCluster.Widget("alpha"), "example.com", "v1", "default", "widgets", cancellationToken: ct);
        var rv = created.GetProperty("metadata").GetProperty("resourceVersion").GetString();

        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>("example.com", "v1", "default", "widgets", cancellationToken: ct);
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());

        var update = JsonNode.Parse(created.GetRawText())!;
        update["spec"]!["replicas"] = 3;
        await client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonElement>(update, "example.com", "v1", "default", "widgets", "alpha", cancellationToken: ct);
        update["spec"]!["replicas"] = 4;
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.ReplaceNamespacedCustomObjectAsync<JsonElement>(update, "example.com", "v1", "default", "widgets", "alpha", cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.NotNull(rv);

        var statusPatch = new V1Patch("""{"status":{"observedGeneration":2,"conditions":[{"type":"Ready","status":"True","reason":"Done","message":"ok","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}""", V1Patch.PatchType.MergePatch);
        var withStatus = await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonElement>(statusPatch, "example.com", "v1", "default", "widgets", "alpha", cancellationToken: ct);
        Assert.Equal("True", withStatus.GetProperty("status").GetProperty("conditions")[0].GetProperty("status").GetString());
        Assert.Equal(2, withStatus.GetProperty("metadata").GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task A_watch_resumes_from_the_last_seen_resource_version_after_the_server_drops_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var client = Client(cluster);
        var ct = TestContext.Current.CancellationToken;
        var start = await client.CoreV1.ListNamespacedConfigMapAsync("default", cancellationToken: ct);
        var seen = new List<(WatchEventType Type, string Name, string Rv)>();

        async Task<string> WatchUntilAsync(string fromRv, int count)
        {
            var last = fromRv;
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bound.CancelAfter(TimeSpan.FromSeconds(30));
            var response = client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync("default", watch: true, resourceVersion: fromRv, allowWatchBookmarks: true, cancellationToken: bound.Token);
            try
            {
#pragma warning disable CS0618 // the generic watch helper is what informers built on this client use
                await foreach (var (type, item) in response.WatchAsync<V1ConfigMap, V1ConfigMapList>(cancellationToken: bound.Token))
#pragma warning restore CS0618
                {
                    last = item.Metadata.ResourceVersion;
                    if (type == WatchEventType.Bookmark)
                    {
                        continue;
                    }

                    seen.Add((type, item.Metadata.Name, last));
                    if (seen.Count == count)
                    {
                        break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException or System.Net.Http.HttpIOException or OperationCanceledException && !bound.IsCancellationRequested)
            {
                // the server cut the stream
            }

            return last;
        }

        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "one" } }, "default", cancellationToken: ct);
        var afterOne = await WatchUntilAsync(start.Metadata.ResourceVersion, 1);
        Assert.Equal("one", seen[0].Name);
        await PollAsync(() => cluster.Server.OpenWatchCount == 0, ct);

        // A watch that the server cuts: nothing delivered, then the client resumes from its last resourceVersion.
        var cut = Task.Run(() => WatchUntilAsync(afterOne, 99), ct);
        await PollAsync(() => cluster.Server.OpenWatchCount > 0, ct);
        cluster.Server.DropWatches();
        var resumeFrom = await cut.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Single(seen);

        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "two" } }, "default", cancellationToken: ct);
        await client.CoreV1.DeleteNamespacedConfigMapAsync("one", "default", cancellationToken: ct);
        await WatchUntilAsync(resumeFrom, 3);
        Assert.Equal([("one", WatchEventType.Added), ("two", WatchEventType.Added), ("one", WatchEventType.Deleted)], seen.Select(s => (s.Name, s.Type)));
    }

    private static async Task PollAsync(Func<bool> condition, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await timer.WaitForNextTickAsync(ct);
        }
    }
}
