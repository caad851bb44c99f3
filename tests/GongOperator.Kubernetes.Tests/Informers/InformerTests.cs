using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Kubernetes.Tests.Informers;

public sealed class InformerTests
{
    private static readonly InformerOptions Fast = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>A 5 s watch timeout and 2 s grace: a watch silent for 7 s counts as stalled.</summary>
    private static readonly InformerOptions StallDetection = Fast with
    {
        MinWatchTimeout = TimeSpan.FromSeconds(5),
        MaxWatchTimeout = TimeSpan.FromSeconds(5),
        StallGrace = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public async Task Lists_with_resource_version_zero_then_watches_from_the_lists_version_with_a_timeout_between_the_bounds()
    {
        var source = new FakeListWatchSource<Widget>();
        source.Upsert(Widget.Create("a", "w1"));
        var informer = new Informer<Widget>(source, Fast);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = informer.RunAsync(cts.Token);

        await informer.WaitForSyncAsync(cts.Token);
        await Poll.UntilAsync(() => source.ActiveWatches == 1, "the watch is open");

        Assert.Equal("0", source.ListRequests[0].ResourceVersion);
        Assert.Equal(500, source.ListRequests[0].Limit);
        Assert.Equal("101", source.WatchRequests[0].ResourceVersion);
        Assert.InRange(source.WatchRequests[0].TimeoutSeconds, 300, 600);
        Assert.NotNull(informer.Get(new ObjectKey("a", "w1")));
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task The_cache_drops_managed_fields_unless_asked_to_keep_them()
    {
        foreach (var keep in new[] { false, true })
        {
            var source = new FakeListWatchSource<Widget>();
            var listed = Widget.Create("a", "listed");
            listed.Metadata.ManagedFields = [new k8s.Models.V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Update" }];
            source.Upsert(listed);
            var informer = new Informer<Widget>(source, Fast with { KeepManagedFields = keep });
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var run = informer.RunAsync(cts.Token);
            await informer.WaitForSyncAsync(cts.Token);
            await Poll.UntilAsync(() => source.ActiveWatches == 1, "the watch is open");

            var watched = Widget.Create("a", "watched");
            watched.Metadata.ManagedFields = [new k8s.Models.V1ManagedFieldsEntry { Manager = "gong-operator", Operation = "Update" }];
            source.Upsert(watched);
            await Poll.UntilAsync(() => informer.Get(new ObjectKey("a", "watched")) is not null, "the watched object is cached");

            Assert.Equal(keep, informer.Get(new ObjectKey("a", "listed"))!.Metadata.ManagedFields is not null);
            Assert.Equal(keep, informer.Get(new ObjectKey("a", "watched"))!.Metadata.ManagedFields is not null);
            await cts.CancelAsync();
            await run;
        }
    }

    [Fact]
    public async Task Handlers_see_add_update_with_old_and_new_and_delete()
    {
        var source = new FakeListWatchSource<Widget>();
        var informer = new Informer<Widget>(source, Fast);
        var seen = new List<string>();
        informer.AddEventHandler(
            w => { lock (seen) { seen.Add("add " + w.Spec.Size); } },
            (o, n) => { lock (seen) { seen.Add($"update {o.Spec.Size}->{n.Spec.Size}"); } },
            w => { lock (seen) { seen.Add("delete " + w.Metadata.Name); } });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        await Poll.UntilAsync(() => source.ActiveWatches == 1, "the watch is open");

        source.Upsert(Widget.Create("a", "w1", size: 1));
        source.Upsert(Widget.Create("a", "w1", size: 2));
        source.Delete(new ObjectKey("a", "w1"));

        await Poll.UntilAsync(() => { lock (seen) { return seen.Count == 3; } }, "three events were handled");
        Assert.Equal(["add 1", "update 1->2", "delete w1"], seen);
        Assert.Equal(0, informer.Count);
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task No_event_is_lost_across_a_dropped_watch_and_the_rewatch_starts_from_the_last_version_seen()
    {
        var source = new FakeListWatchSource<Widget>();
        var informer = new Informer<Widget>(source, Fast);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        await Poll.UntilAsync(() => source.ActiveWatches == 1, "the watch is open");
        source.Upsert(Widget.Create("a", "before"));
        await Poll.UntilAsync(() => informer.Count == 1, "the first object arrived");

        source.Stall(true);
        source.Upsert(Widget.Create("a", "during"));
        source.DropWatches();
        source.Stall(false);

        await Poll.UntilAsync(() => informer.Get(new ObjectKey("a", "during")) is not null, "the object written while the stream was down arrived");
        Assert.Equal(1, informer.Lists);
        Assert.True(informer.WatchStarts >= 2);
        Assert.Equal("101", source.WatchRequests[1].ResourceVersion);
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_410_leads_to_a_relist_and_the_cache_matches_the_server()
    {
        var source = new FakeListWatchSource<Widget>();
        source.Upsert(Widget.Create("a", "keep"));
        source.Upsert(Widget.Create("a", "gone"));
        var informer = new Informer<Widget>(source, Fast);
        var deletes = 0;
        informer.AddEventHandler(null, null, _ => Interlocked.Increment(ref deletes));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        await Poll.UntilAsync(() => source.ActiveWatches == 1, "the watch is open");

        // Changes the informer never sees as events, then history is compacted and the stream dropped.
        source.Stall(true);
        source.Delete(new ObjectKey("a", "gone"));
        source.Upsert(Widget.Create("a", "keep", size: 9));
        source.Upsert(Widget.Create("a", "new"));
        source.Compact();
        source.DropWatches();
        source.Stall(false);

        await Poll.UntilAsync(() => informer.Lists == 2 && source.ActiveWatches == 1, "a relist happened and a new watch is open");
        var cached = informer.List().Select(w => (w.Metadata.Name, w.Spec.Size)).OrderBy(x => x.Name).ToList();
        var server = source.Snapshot().Select(w => (w.Metadata.Name, w.Spec.Size)).OrderBy(x => x.Name).ToList();
        Assert.Equal(server, cached);
        Assert.Equal(1, deletes);
        Assert.Equal(string.Empty, source.ListRequests[1].ResourceVersion);
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_watch_silent_past_its_timeout_plus_grace_is_restarted()
    {
        var time = new FakeTimeProvider();
        var source = new FakeListWatchSource<Widget>();
        var informer = new Informer<Widget>(source, StallDetection, timeProvider: time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        await Poll.UntilAsync(() => source.ActiveWatches == 1, "the watch is open");
        source.Stall(true);
        source.Upsert(Widget.Create("a", "lost-in-stall"));

        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(0, informer.StalledWatches);
        time.Advance(TimeSpan.FromSeconds(2));
        source.Stall(false);

        await Poll.UntilAsync(() => informer.StalledWatches == 1, "the stall was detected");
        await Poll.UntilAsync(() => informer.Get(new ObjectKey("a", "lost-in-stall")) is not null, "the restarted watch delivered the object");
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_bookmark_resets_the_stall_timer_and_moves_the_resume_point()
    {
        var time = new FakeTimeProvider();
        var source = new FakeListWatchSource<Widget>();
        var informer = new Informer<Widget>(source, StallDetection, timeProvider: time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        await Poll.UntilAsync(() => source.ActiveWatches == 1, "the watch is open");

        time.Advance(TimeSpan.FromSeconds(6));
        var bookmark = source.SendBookmark();
        await Poll.UntilAsync(() => informer.LastSyncResourceVersion == bookmark, "the bookmark was seen");
        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(0, informer.StalledWatches);
        Assert.Equal(0, informer.Count);

        source.DropWatches();

        // The re-connect back-off runs on the fake clock.
        await Poll.UntilAsync(() => { time.Advance(TimeSpan.FromMilliseconds(10)); return source.WatchRequests.Count == 2; }, "the watch restarted");
        Assert.Equal(bookmark, source.WatchRequests[1].ResourceVersion);
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_secondary_index_finds_objects_by_value_and_forgets_values_no_longer_used()
    {
        var source = new FakeListWatchSource<Widget>();
        var informer = new Informer<Widget>(source, Fast);
        informer.AddIndex("by-secret", w => w.Spec.SecretName is null ? [] : [w.Metadata.NamespaceProperty + "/" + w.Spec.SecretName]);
        source.Upsert(Widget.Create("a", "w1", secretName: "s1"));
        source.Upsert(Widget.Create("a", "w2", secretName: "s1"));
        source.Upsert(Widget.Create("b", "w3", secretName: "s1"));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        await Poll.UntilAsync(() => source.ActiveWatches == 1, "the watch is open");

        Assert.Equal(["w1", "w2"], informer.ByIndex("by-secret", "a/s1").Select(w => w.Metadata.Name).Order());
        source.Upsert(Widget.Create("a", "w1", secretName: "s2"));
        source.Delete(new ObjectKey("a", "w2"));
        source.Delete(new ObjectKey("b", "w3"));
        await Poll.UntilAsync(() => informer.Count == 1, "deletes arrived");

        Assert.Empty(informer.ByIndex("by-secret", "a/s1"));
        Assert.Single(informer.ByIndex("by-secret", "a/s2"));
        Assert.Equal(1, informer.IndexValueCount("by-secret"));
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Resync_replays_the_cache_as_updates_without_calling_the_server()
    {
        var time = new FakeTimeProvider();
        var source = new FakeListWatchSource<Widget>();
        source.Upsert(Widget.Create("a", "w1"));
        var informer = new Informer<Widget>(source, Fast with { ResyncPeriod = TimeSpan.FromMinutes(1) }, timeProvider: time);
        var updates = 0;
        informer.AddEventHandler(null, (o, n) => { if (ReferenceEquals(o, n)) { Interlocked.Increment(ref updates); } }, null);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        await Poll.UntilAsync(() => source.ActiveWatches == 1, "the watch is open");

        // The resync loop arms its timer on its own thread; keep the clock moving until it has fired.
        await Poll.UntilAsync(() => { time.Advance(TimeSpan.FromMinutes(1)); return Volatile.Read(ref updates) >= 1; }, "the resync replayed the object");
        Assert.Single(source.ListRequests);
        Assert.Single(source.WatchRequests);
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_namespace_list_scopes_the_cache_with_one_list_and_watch_per_namespace()
    {
        var source = new FakeListWatchSource<Widget>();
        source.Upsert(Widget.Create("a", "w1"));
        source.Upsert(Widget.Create("b", "w2"));
        source.Upsert(Widget.Create("c", "w3"));
        var informer = new Informer<Widget>(source, Fast with { Namespaces = ["a", "b"] });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);

        Assert.Equal(["w1", "w2"], informer.List().Select(w => w.Metadata.Name).Order());
        Assert.Equal(2, source.ListRequests.Count);
        source.Upsert(Widget.Create("c", "w4"));
        source.Upsert(Widget.Create("a", "w5"));
        await Poll.UntilAsync(() => informer.Get(new ObjectKey("a", "w5")) is not null, "the in-scope object arrived");
        Assert.Null(informer.Get(new ObjectKey("c", "w4")));
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_handler_added_after_sync_gets_the_cached_objects_as_adds()
    {
        var source = new FakeListWatchSource<Widget>();
        source.Upsert(Widget.Create("a", "w1"));
        var informer = new Informer<Widget>(source, Fast);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = informer.RunAsync(cts.Token);
        await informer.WaitForSyncAsync(cts.Token);
        var adds = 0;

        informer.AddEventHandler(_ => adds++, null, null);

        Assert.Equal(1, adds);
        Assert.True(informer.HasSynced);
        await cts.CancelAsync();
        await run;
    }
}
