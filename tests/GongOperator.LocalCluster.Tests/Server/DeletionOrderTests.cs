using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

/// <summary>Removal through a kind's strategy: dependents go before the object, whichever way the removal comes.</summary>
public sealed class DeletionOrderTests
{
    [Fact]
    public async Task A_namespace_removed_by_its_last_finalizer_takes_its_objects_with_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "team", ["finalizers"] = new JsonArray("example.com/hold") } };
        Assert.Equal(201, (await cluster.PostAsync("/api/v1/namespaces", ns)).Code);
        var cm = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "settings" } };
        Assert.Equal(201, (await cluster.PostAsync("/api/v1/namespaces/team/configmaps", cm)).Code);

        var (deleteCode, marked) = await cluster.DeleteAsync("/api/v1/namespaces/team");
        Assert.Equal(200, deleteCode);
        Assert.NotNull(marked!["metadata"]!["deletionTimestamp"]);
        Assert.Equal(200, (await cluster.GetAsync("/api/v1/namespaces/team/configmaps/settings")).Code);

        var (patchCode, _) = await cluster.PatchAsync("/api/v1/namespaces/team", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        Assert.Equal(200, patchCode);
        Assert.Equal(404, (await cluster.GetAsync("/api/v1/namespaces/team")).Code);
        Assert.Equal(404, (await cluster.GetAsync("/api/v1/namespaces/team/configmaps/settings")).Code);
    }

    [Fact]
    public async Task Deleting_a_crd_removes_its_custom_resources_before_the_crd()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        Assert.Equal(201, (await cluster.PostAsync("/apis/example.com/v1/namespaces/default/widgets", TestCluster.Widget("alpha"))).Code);
        var before = cluster.Server.CurrentResourceVersion;

        await using var watch = await WatchReader.OpenAsync(cluster, $"/apis/apiextensions.k8s.io/v1/customresourcedefinitions?watch=true&resourceVersion={before}");
        Assert.Equal(200, (await cluster.DeleteAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")).Code);

        // The widget's removal took resourceVersion before+1, so the CRD's own removal is the last write.
        var deleted = await watch.NextNonBookmarkAsync();
        Assert.Equal("DELETED", deleted["type"]!.GetValue<string>());
        Assert.Equal((before + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), deleted["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(404, (await cluster.GetAsync("/apis/example.com/v1/namespaces/default/widgets")).Code);
    }

    [Fact]
    public async Task A_patch_through_the_events_k8s_io_view_with_a_stale_resource_version_is_a_conflict()
    {
        await using var cluster = await TestCluster.StartAsync();
        var ev = JsonNode.Parse("""
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"w.1"},"eventTime":"2026-01-01T00:00:00.000000Z",
             "reportingController":"c","reportingInstance":"i","action":"A","reason":"R","type":"Normal","note":"n",
             "regarding":{"apiVersion":"v1","kind":"ConfigMap","name":"x","namespace":"default"}}
            """)!;
        var (_, created) = await cluster.PostAsync("/apis/events.k8s.io/v1/namespaces/default/events", ev);
        var rv = created!["metadata"]!["resourceVersion"]!.GetValue<string>();
        Assert.Equal(200, (await cluster.PatchAsync("/apis/events.k8s.io/v1/namespaces/default/events/w.1", """{"note":"second"}""", "application/merge-patch+json")).Code);

        var (code, body) = await cluster.PatchAsync("/apis/events.k8s.io/v1/namespaces/default/events/w.1", $$"""{"metadata":{"resourceVersion":"{{rv}}"},"note":"third"}""", "application/merge-patch+json");
        Assert.Equal(409, code);
        Assert.Equal("Conflict", body!["reason"]!.GetValue<string>());
    }
}
