using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

public sealed class ListAndWatchTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private static JsonObject ConfigMap(string name, string tier = "web", string? ns = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["tier"] = tier, ["app"] = "shop" } },
        ["data"] = new JsonObject { ["k"] = "v" },
    };

    private static string[] Names(JsonNode? list) => [.. list!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())];

    [Theory]
    [InlineData("tier%3Dweb", new[] { "a", "b" })]
    [InlineData("tier%3D%3Dweb", new[] { "a", "b" })]
    [InlineData("tier!%3Dweb", new[] { "c", "d" })]
    [InlineData("tier%20in%20(db,cache)", new[] { "c" })]
    [InlineData("tier%20notin%20(web)", new[] { "c", "d" })]
    [InlineData("extra", new[] { "d" })]
    [InlineData("!extra", new[] { "a", "b", "c" })]
    [InlineData("app%3Dshop,tier%3Dweb", new[] { "a", "b" })]
    public async Task Label_selectors_filter_lists(string selector, string[] expected)
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.PostAsync(ConfigMaps, ConfigMap("a"));
        await cluster.PostAsync(ConfigMaps, ConfigMap("b"));
        await cluster.PostAsync(ConfigMaps, ConfigMap("c", "db"));
        var d = ConfigMap("d", "other");
        d["metadata"]!["labels"]!["extra"] = "yes";
        await cluster.PostAsync(ConfigMaps, d);
        var (code, list) = await cluster.GetAsync(ConfigMaps + "?labelSelector=" + selector);
        Assert.Equal(200, code);
        Assert.Equal(expected, Names(list));
    }

    [Fact]
    public async Task Field_selectors_on_name_and_namespace_work_and_unknown_fields_are_400()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateNamespaceAsync("other");
        await cluster.PostAsync(ConfigMaps, ConfigMap("a"));
        await cluster.PostAsync("/api/v1/namespaces/other/configmaps", ConfigMap("a"));
        await cluster.PostAsync(ConfigMaps, ConfigMap("b"));
        var (_, byName) = await cluster.GetAsync("/api/v1/configmaps?fieldSelector=metadata.name%3Da");
        Assert.Equal(2, byName!["items"]!.AsArray().Count);
        var (_, byNs) = await cluster.GetAsync("/api/v1/configmaps?fieldSelector=metadata.name%3Da,metadata.namespace%3Dother");
        Assert.Equal("other", byNs!["items"]![0]!["metadata"]!["namespace"]!.GetValue<string>());
        var (code, error) = await cluster.GetAsync(ConfigMaps + "?fieldSelector=spec.foo%3Dbar");
        Assert.Equal(400, code);
        Assert.Equal("field label not supported: spec.foo", error!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Event_field_selectors_match_the_involved_object()
    {
        await using var cluster = await TestCluster.StartAsync();
        var ev = JsonNode.Parse("""{"apiVersion":"v1","kind":"Event","metadata":{"name":"w.1"},"involvedObject":{"kind":"Widget","name":"alpha","namespace":"default","uid":"u1"},"reason":"Made","type":"Normal","message":"hi"}""")!;
        Assert.Equal(201, (await cluster.PostAsync("/api/v1/namespaces/default/events", ev)).Code);
        var (_, hit) = await cluster.GetAsync("/api/v1/namespaces/default/events?fieldSelector=involvedObject.kind%3DWidget,involvedObject.name%3Dalpha,involvedObject.namespace%3Ddefault,involvedObject.uid%3Du1");
        Assert.Single(hit!["items"]!.AsArray());
        var (_, miss) = await cluster.GetAsync("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dbeta");
        Assert.Empty(miss!["items"]!.AsArray());
    }

    [Fact]
    public async Task Lists_page_with_limit_and_continue_and_bad_or_expired_tokens_fail()
    {
        await using var cluster = await TestCluster.StartAsync();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await cluster.PostAsync(ConfigMaps, ConfigMap(name));
        }

        var (_, page1) = await cluster.GetAsync(ConfigMaps + "?limit=2");
        Assert.Equal(["a", "b"], Names(page1));
        Assert.Equal(1, page1!["metadata"]!["remainingItemCount"]!.GetValue<long>());
        var token = page1["metadata"]!["continue"]!.GetValue<string>();
        await cluster.PostAsync(ConfigMaps, ConfigMap("d"));
        var (_, page2) = await cluster.GetAsync(ConfigMaps + "?limit=2&continue=" + token);
        Assert.Equal(["c"], Names(page2));
        Assert.Null(page2!["metadata"]!["continue"]);

        var (badCode, _) = await cluster.GetAsync(ConfigMaps + "?limit=1&continue=not-a-valid-token");
        Assert.Equal(400, badCode);

        cluster.Server.CompactHistory();
        await cluster.PostAsync(ConfigMaps, ConfigMap("e"));
        var (expiredCode, expired) = await cluster.GetAsync(ConfigMaps + "?limit=2&continue=" + token);
        Assert.Equal(410, expiredCode);
        Assert.Equal("Expired", expired!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cross_namespace_lists_return_every_namespace()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateNamespaceAsync("other");
        await cluster.PostAsync(ConfigMaps, ConfigMap("a"));
        await cluster.PostAsync("/api/v1/namespaces/other/configmaps", ConfigMap("b"));
        var (_, list) = await cluster.GetAsync("/api/v1/configmaps");
        Assert.Equal(["a", "b"], Names(list));
    }

    [Fact]
    public async Task A_watch_from_zero_sends_existing_objects_then_changes_in_order()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.PostAsync(ConfigMaps, ConfigMap("a"));
        await using var watch = await WatchReader.OpenAsync(cluster, ConfigMaps + "?watch=true&resourceVersion=0");
        Assert.Equal("ADDED", (await watch.NextAsync())!["type"]!.GetValue<string>());
        await cluster.PostAsync(ConfigMaps, ConfigMap("b"));
        await cluster.PatchAsync(ConfigMaps + "/b", """{"data":{"k":"w"}}""", "application/merge-patch+json");
        await cluster.DeleteAsync(ConfigMaps + "/b");
        var types = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            types.Add((await watch.NextAsync())!["type"]!.GetValue<string>());
        }

        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], types);
    }

    [Fact]
    public async Task A_watch_resumes_from_a_resource_version_without_repeating_older_events()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (_, a) = await cluster.PostAsync(ConfigMaps, ConfigMap("a"));
        var rv = a!["metadata"]!["resourceVersion"]!.GetValue<string>();
        await cluster.PostAsync(ConfigMaps, ConfigMap("b"));
        await using var watch = await WatchReader.OpenAsync(cluster, ConfigMaps + "?watch=true&resourceVersion=" + rv);
        var e = await watch.NextAsync();
        Assert.Equal("ADDED", e!["type"]!.GetValue<string>());
        Assert.Equal("b", e["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_watch_from_a_compacted_resource_version_gets_a_410_error_event_inside_a_200()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (_, a) = await cluster.PostAsync(ConfigMaps, ConfigMap("a"));
        cluster.Server.CompactHistory();
        await cluster.PostAsync(ConfigMaps, ConfigMap("b"));
        await using var watch = await WatchReader.OpenAsync(cluster, ConfigMaps + "?watch=true&resourceVersion=1");
        Assert.Equal(200, watch.StatusCode);
        var e = await watch.NextAsync();
        Assert.Equal("ERROR", e!["type"]!.GetValue<string>());
        Assert.Equal(410, e["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", e["object"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("too old resource version: 1 (", e["object"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await watch.NextAsync());
        _ = a;
    }

    [Fact]
    public async Task Bookmarks_carry_only_the_resource_version_and_timeoutSeconds_closes_cleanly()
    {
        await using var cluster = await TestCluster.StartAsync(new LocalApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        await cluster.PostAsync(ConfigMaps, ConfigMap("a"));
        await using var watch = await WatchReader.OpenAsync(cluster, ConfigMaps + $"?watch=true&allowWatchBookmarks=true&timeoutSeconds=2&resourceVersion={cluster.Server.CurrentResourceVersion}");
        var bookmark = await watch.NextAsync();
        Assert.Equal("BOOKMARK", bookmark!["type"]!.GetValue<string>());
        Assert.Equal(cluster.Server.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Null(bookmark["object"]!["data"]);
        while (await watch.NextAsync() is not null)
        {
            // drain until the server ends the stream at timeoutSeconds
        }
    }

    [Fact]
    public async Task Watch_list_sends_initial_objects_then_a_bookmark_marking_their_end()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.PostAsync(ConfigMaps, ConfigMap("a"));
        await cluster.PostAsync(ConfigMaps, ConfigMap("b"));
        await using var watch = await WatchReader.OpenAsync(cluster, ConfigMaps + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true");
        Assert.Equal("ADDED", (await watch.NextAsync())!["type"]!.GetValue<string>());
        Assert.Equal("ADDED", (await watch.NextAsync())!["type"]!.GetValue<string>());
        var end = await watch.NextAsync();
        Assert.Equal("BOOKMARK", end!["type"]!.GetValue<string>());
        Assert.Equal("true", end["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
        await cluster.PostAsync(ConfigMaps, ConfigMap("c"));
        var added = await watch.NextNonBookmarkAsync();
        Assert.Equal("c", added["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_list_without_resourceVersionMatch_is_refused_with_422()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, body) = await cluster.GetAsync(ConfigMaps + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true");
        Assert.Equal(422, code);
        Assert.Equal("ListOptions", body!["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_object_leaving_the_selector_is_reported_as_DELETED()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.PostAsync(ConfigMaps, ConfigMap("a"));
        await using var watch = await WatchReader.OpenAsync(cluster, ConfigMaps + $"?watch=true&labelSelector=tier%3Dweb&resourceVersion={cluster.Server.CurrentResourceVersion}");
        await cluster.PatchAsync(ConfigMaps + "/a", """{"metadata":{"labels":{"tier":"db"}}}""", "application/merge-patch+json");
        var e = await watch.NextAsync();
        Assert.Equal("DELETED", e!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Exact_lists_show_an_older_resource_version_until_it_is_compacted()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (_, a) = await cluster.PostAsync(ConfigMaps, ConfigMap("a"));
        var rv = a!["metadata"]!["resourceVersion"]!.GetValue<string>();
        await cluster.PostAsync(ConfigMaps, ConfigMap("b"));
        var (_, old) = await cluster.GetAsync(ConfigMaps + "?resourceVersion=" + rv + "&resourceVersionMatch=Exact");
        Assert.Equal(["a"], Names(old));
        cluster.Server.CompactHistory();
        var (code, _) = await cluster.GetAsync(ConfigMaps + "?resourceVersion=" + rv + "&resourceVersionMatch=Exact");
        Assert.Equal(410, code);
    }

    [Fact]
    public async Task Stalled_watches_deliver_nothing_until_released()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var watch = await WatchReader.OpenAsync(cluster, ConfigMaps + $"?watch=true&resourceVersion={cluster.Server.CurrentResourceVersion}");
        cluster.Server.StallWatches(true);
        await cluster.PostAsync(ConfigMaps, ConfigMap("a"));
        var next = watch.NextAsync();
        Assert.False(next.IsCompleted);
        cluster.Server.StallWatches(false);
        Assert.Equal("a", (await next)!["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task DropWatches_cuts_even_stalled_streams()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var watch = await WatchReader.OpenAsync(cluster, ConfigMaps + $"?watch=true&resourceVersion={cluster.Server.CurrentResourceVersion}");
        cluster.Server.StallWatches(true);
        await cluster.PostAsync(ConfigMaps, ConfigMap("a"));
        var next = watch.NextAsync();
        cluster.Server.DropWatches();
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            if (await next is null)
            {
                throw new IOException("closed");
            }
        });
        cluster.Server.StallWatches(false);
    }

    [Fact]
    public async Task DropWatches_cuts_open_streams()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var watch = await WatchReader.OpenAsync(cluster, ConfigMaps + "?watch=true");
        cluster.Server.DropWatches();
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            if (await watch.NextAsync() is null)
            {
                throw new IOException("closed");
            }
        });
    }
}
