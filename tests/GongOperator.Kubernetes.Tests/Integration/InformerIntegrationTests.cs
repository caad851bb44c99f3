using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.Tests.Support;
using k8s;
using k8s.Models;

namespace GongOperator.Kubernetes.Tests.Integration;

public sealed class InformerIntegrationTests(LocalClusterFixture cluster) : IClassFixture<LocalClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static InformerOptions Scoped(string ns) => new()
    {
        Namespaces = [ns],
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task An_event_is_never_lost_across_a_dropped_watch()
    {
        var ns = await cluster.NewNamespaceAsync();
        var widgets = cluster.Widgets();
        var informer = new Informer<Widget>(widgets.ListWatchSource(), Scoped(ns));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);

        for (var i = 0; i < 20; i++)
        {
            await widgets.CreateAsync(Widget.Create(ns, "w" + i), Ct);
            if (i % 5 == 0)
            {
                cluster.Server.DropWatches();
            }
        }

        await Poll.UntilAsync(() => informer.Count == 20, "all 20 objects are cached");
        Assert.True(informer.WatchStarts >= 2);
        Assert.Equal(1, informer.Lists);
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_stalled_watch_is_detected_and_restarted()
    {
        var ns = await cluster.NewNamespaceAsync();
        using var stretched = cluster.NewClient(new StretchWatchTimeoutHandler());
        var informer = new Informer<Widget>(
            ListWatchSources.ForCustomResource<Widget>(stretched),
            Scoped(ns) with { MinWatchTimeout = TimeSpan.FromSeconds(1), MaxWatchTimeout = TimeSpan.FromSeconds(1), StallGrace = TimeSpan.FromSeconds(1) });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);

        cluster.Server.StallWatches(true);
        try
        {
            await cluster.Widgets().CreateAsync(Widget.Create(ns, "during-stall"), Ct);
            await Poll.UntilAsync(() => informer.StalledWatches >= 1, "the stall was detected");
        }
        finally
        {
            cluster.Server.StallWatches(false);
        }

        await Poll.UntilAsync(() => informer.Get(new ObjectKey(ns, "during-stall")) is not null, "the restarted watch delivered the object");
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_410_leads_to_a_relist_and_the_cache_matches_the_server()
    {
        var ns = await cluster.NewNamespaceAsync();
        var widgets = cluster.Widgets();
        for (var i = 0; i < 5; i++)
        {
            await widgets.CreateAsync(Widget.Create(ns, "w" + i, size: i), Ct);
        }

        using var hold = new WatchHoldHandler();
        using var client = cluster.NewClient(hold);
        var informer = new Informer<Widget>(ListWatchSources.ForCustomResource<Widget>(client), Scoped(ns));
        var deleted = new List<string>();
        informer.AddEventHandler(null, null, w => { lock (deleted) { deleted.Add(w.Metadata.Name); } });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        await Poll.UntilAsync(() => hold.OpenedWatches == 1, "the first watch is registered at the server");

        // Cut the stream and keep the informer from re-watching while the server moves on and forgets its history.
        hold.Hold();
        cluster.Server.DropWatches();
        await widgets.DeleteAsync(new ObjectKey(ns, "w0"), Ct);
        var w1 = (await widgets.GetAsync(new ObjectKey(ns, "w1"), Ct))!;
        w1.Spec.Size = 100;
        await widgets.ReplaceAsync(w1, Ct);
        await widgets.CreateAsync(Widget.Create(ns, "fresh"), Ct);
        cluster.Server.CompactHistory();
        hold.Release();

        await Poll.UntilAsync(() => informer.Lists >= 2 && informer.Get(new ObjectKey(ns, "fresh")) is not null, "the informer relisted");
        var server = (await widgets.ListAsync(ns, null, Ct)).Select(w => (w.Metadata.Name, w.Spec.Size, w.Metadata.ResourceVersion)).OrderBy(x => x.Name);
        var cache = informer.List().Select(w => (w.Metadata.Name, w.Spec.Size, w.Metadata.ResourceVersion)).OrderBy(x => x.Name);
        Assert.Equal(server, cache);
        Assert.Equal(["w0"], deleted);
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_secret_informer_lists_and_watches_secrets_in_its_namespaces_only()
    {
        var ns = await cluster.NewNamespaceAsync();
        var other = await cluster.NewNamespaceAsync();
        var informer = new Informer<V1Secret>(ListWatchSources.ForSecrets(cluster.Client), Scoped(ns));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);

        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, StringData = new Dictionary<string, string> { ["k"] = "v" } }, other, cancellationToken: Ct);
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, StringData = new Dictionary<string, string> { ["k"] = "v" } }, ns, cancellationToken: Ct);

        await Poll.UntilAsync(() => informer.Get(new ObjectKey(ns, "s")) is not null, "the in-scope secret arrived");
        Assert.Null(informer.Get(new ObjectKey(other, "s")));
        await cts.CancelAsync();
        await run;
    }
}
