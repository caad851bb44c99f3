using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.Tests.Support;

namespace GongOperator.Kubernetes.Tests.Integration;

/// <summary>Runs alone: it measures the process's managed heap.</summary>
[CollectionDefinition(nameof(CacheMemoryGroup), DisableParallelization = true)]
public sealed class CacheMemoryGroup : ICollectionFixture<LocalClusterFixture>;

[Collection(nameof(CacheMemoryGroup))]
public sealed class CacheMemoryIntegrationTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task The_cache_memory_stays_flat_over_many_watch_restarts()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await cluster.NewNamespaceAsync();
        var widgets = cluster.Widgets();
        for (var i = 0; i < 200; i++)
        {
            await widgets.CreateAsync(Widget.Create(ns, "w" + i, secretName: "s" + (i % 10)), ct);
        }

        var informer = new Informer<Widget>(widgets.ListWatchSource(), new InformerOptions
        {
            Namespaces = [ns],
            InitialBackoff = TimeSpan.FromMilliseconds(5),
            MaxBackoff = TimeSpan.FromMilliseconds(20),
        });
        informer.AddIndex("by-secret", w => [w.Metadata.NamespaceProperty + "/" + w.Spec.SecretName]);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);

        await RestartWatchesAsync(informer, 10);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await RestartWatchesAsync(informer, 60);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        Assert.Equal(200, informer.Count);
        Assert.Equal(10, informer.IndexValueCount("by-secret"));
        Assert.Equal(1, informer.Lists);
        Assert.True(after - before < 4 * 1024 * 1024, $"managed heap grew by {(after - before) / 1024} KiB over 60 watch restarts");
        await cts.CancelAsync();
        await run;
    }

    private async Task RestartWatchesAsync(Informer<Widget> informer, int times)
    {
        for (var i = 0; i < times; i++)
        {
            // The new watch may not have reached the server yet when we drop; drop again until a restart is seen.
            var starts = informer.WatchStarts;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (informer.WatchStarts == starts)
            {
                Assert.True(DateTime.UtcNow < deadline, "the watch did not restart");
                cluster.Server.DropWatches();
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }
    }
}
