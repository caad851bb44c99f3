using System.Text;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

public sealed class ObjectLifecycleTests
{
    private const string Widgets = "/apis/example.com/v1/namespaces/default/widgets";

    [Fact]
    public async Task Create_sets_uid_timestamp_generation_and_a_growing_resource_version()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var before = cluster.Server.CurrentResourceVersion;
        var (code, created) = await cluster.PostAsync(Widgets, TestCluster.Widget("alpha"));
        Assert.Equal(201, code);
        var meta = created!["metadata"]!;
        Assert.True(Guid.TryParse(meta["uid"]!.GetValue<string>(), out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", meta["creationTimestamp"]!.GetValue<string>());
        Assert.Equal(1, meta["generation"]!.GetValue<long>());
        Assert.True(long.Parse(meta["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > before);
        Assert.Equal("default", meta["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_of_an_existing_name_is_409_AlreadyExists()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        await cluster.PostAsync(Widgets, TestCluster.Widget("alpha"));
        var (code, body) = await cluster.PostAsync(Widgets, TestCluster.Widget("alpha"));
        Assert.Equal(409, code);
        Assert.Equal("AlreadyExists", body!["reason"]!.GetValue<string>());
        Assert.Equal("widgets.example.com \"alpha\" already exists", body["message"]!.GetValue<string>());
        Assert.Equal("widgets", body["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task GenerateName_gets_a_random_suffix()
    {
        await using var cluster = await TestCluster.StartAsync();
        var cm = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["generateName"] = "settings-" } };
        var (code, created) = await cluster.PostAsync("/api/v1/namespaces/default/configmaps", cm);
        Assert.Equal(201, code);
        Assert.Matches("^settings-[a-z0-9]{5}$", created!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_object_is_404_with_the_plural_in_details()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var (code, body) = await cluster.GetAsync(Widgets + "/missing");
        Assert.Equal(404, code);
        Assert.Equal("widgets.example.com \"missing\" not found", body!["message"]!.GetValue<string>());
        Assert.Equal("widgets", body["details"]!["kind"]!.GetValue<string>());
        Assert.Equal("example.com", body["details"]!["group"]!.GetValue<string>());
    }

    [Fact]
    public async Task Writing_into_a_missing_namespace_is_404()
    {
        await using var cluster = await TestCluster.StartAsync();
        var cm = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "x" } };
        var (code, body) = await cluster.PostAsync("/api/v1/namespaces/no-such-ns/configmaps", cm);
        Assert.Equal(404, code);
        Assert.Equal("namespaces \"no-such-ns\" not found", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stale_resource_version_is_409_Conflict_with_the_exact_message()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var (_, created) = await cluster.PostAsync(Widgets, TestCluster.Widget("alpha"));
        var first = (JsonObject)created!.DeepClone();
        first["spec"]!["replicas"] = 2;
        Assert.Equal(200, (await cluster.PutAsync(Widgets + "/alpha", first)).Code);
        var stale = (JsonObject)created.DeepClone();
        stale["spec"]!["replicas"] = 3;
        var (code, body) = await cluster.PutAsync(Widgets + "/alpha", stale);
        Assert.Equal(409, code);
        Assert.Equal("Operation cannot be fulfilled on widgets.example.com \"alpha\": the object has been modified; please apply your changes to the latest version and try again", body!["message"]!.GetValue<string>());
        Assert.Equal("Conflict", body["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_without_resource_version_is_422_for_custom_resources_and_allowed_for_secrets()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        await cluster.PostAsync(Widgets, TestCluster.Widget("alpha"));
        var (code, body) = await cluster.PutAsync(Widgets + "/alpha", TestCluster.Widget("alpha", replicas: 4));
        Assert.Equal(422, code);
        Assert.Equal("metadata.resourceVersion", body!["details"]!["causes"]![0]!["field"]!.GetValue<string>());

        var secret = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "s" }, ["stringData"] = new JsonObject { ["k"] = "v1" } };
        Assert.Equal(201, (await cluster.PostAsync("/api/v1/namespaces/default/secrets", secret)).Code);
        secret["stringData"] = new JsonObject { ["k"] = "v2" };
        var (putCode, updated) = await cluster.PutAsync("/api/v1/namespaces/default/secrets/s", secret);
        Assert.Equal(200, putCode);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("v2")), updated!["data"]!["k"]!.GetValue<string>());
        Assert.Null(updated["stringData"]);
        Assert.Equal("Opaque", updated["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Generation_moves_on_spec_changes_only()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        await cluster.PostAsync(Widgets, TestCluster.Widget("alpha"));
        var (_, labelled) = await cluster.PatchAsync(Widgets + "/alpha", """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json");
        Assert.Equal(1, labelled!["metadata"]!["generation"]!.GetValue<long>());
        var (_, changed) = await cluster.PatchAsync(Widgets + "/alpha", """{"spec":{"replicas":5}}""", "application/merge-patch+json");
        Assert.Equal(2, changed!["metadata"]!["generation"]!.GetValue<long>());
        var (_, status) = await cluster.PatchAsync(Widgets + "/alpha/status", """{"status":{"observedGeneration":2}}""", "application/merge-patch+json");
        Assert.Equal(2, status!["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_no_op_patch_leaves_the_resource_version_unchanged()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var (_, created) = await cluster.PostAsync(Widgets, TestCluster.Widget("alpha"));
        var (code, same) = await cluster.PatchAsync(Widgets + "/alpha", """{"spec":{"size":"small"}}""", "application/merge-patch+json");
        Assert.Equal(200, code);
        Assert.Equal(created!["metadata"]!["resourceVersion"]!.GetValue<string>(), same!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_is_dropped_on_create_kept_by_main_writes_and_changed_only_through_status()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var widget = TestCluster.Widget("alpha");
        widget["status"] = new JsonObject { ["observedGeneration"] = 7 };
        var (_, created) = await cluster.PostAsync(Widgets, widget);
        Assert.Equal(0, created!["status"]!["observedGeneration"]!.GetValue<long>());

        var (_, viaMain) = await cluster.PatchAsync(Widgets + "/alpha", """{"status":{"observedGeneration":9}}""", "application/merge-patch+json");
        Assert.Equal(0, viaMain!["status"]!["observedGeneration"]!.GetValue<long>());

        var (_, viaStatus) = await cluster.PatchAsync(Widgets + "/alpha/status", """{"spec":{"replicas":9},"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"True"}]}}""", "application/merge-patch+json");
        Assert.Equal(1, viaStatus!["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal(1, viaStatus["spec"]!["replicas"]!.GetValue<long>());

        var (_, read) = await cluster.GetAsync(Widgets + "/alpha");
        Assert.Equal("True", read!["status"]!["conditions"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_with_a_finalizer_marks_the_object_and_removing_the_finalizer_deletes_it()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var widget = TestCluster.Widget("alpha");
        widget["metadata"]!["finalizers"] = new JsonArray("example.com/cleanup");
        await cluster.PostAsync(Widgets, widget);

        var (code, marked) = await cluster.DeleteAsync(Widgets + "/alpha", """{"propagationPolicy":"Background"}""");
        Assert.Equal(200, code);
        Assert.NotNull(marked!["metadata"]!["deletionTimestamp"]);
        Assert.Equal(2, marked["metadata"]!["generation"]!.GetValue<long>());

        var (addCode, _) = await cluster.PatchAsync(Widgets + "/alpha", """[{"op":"add","path":"/metadata/finalizers/-","value":"other"}]""", "application/json-patch+json");
        Assert.Equal(422, addCode);

        var (removeCode, _) = await cluster.PatchAsync(Widgets + "/alpha", """[{"op":"remove","path":"/metadata/finalizers/0"}]""", "application/json-patch+json");
        Assert.Equal(200, removeCode);
        Assert.Equal(404, (await cluster.GetAsync(Widgets + "/alpha")).Code);
    }

    [Fact]
    public async Task Delete_without_finalizers_answers_a_Success_status()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var (_, created) = await cluster.PostAsync(Widgets, TestCluster.Widget("alpha"));
        var (code, body) = await cluster.DeleteAsync(Widgets + "/alpha");
        Assert.Equal(200, code);
        Assert.Equal("Success", body!["status"]!.GetValue<string>());
        Assert.Equal(created!["metadata"]!["uid"]!.GetValue<string>(), body["details"]!["uid"]!.GetValue<string>());
        Assert.Equal(404, (await cluster.DeleteAsync(Widgets + "/alpha")).Code);
    }

    [Fact]
    public async Task Deleting_a_namespace_removes_its_objects()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.CreateNamespaceAsync("doomed");
        var cm = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "c" } };
        await cluster.PostAsync("/api/v1/namespaces/doomed/configmaps", cm);
        Assert.Equal(200, (await cluster.DeleteAsync("/api/v1/namespaces/doomed")).Code);
        Assert.Equal(404, (await cluster.GetAsync("/api/v1/namespaces/doomed/configmaps/c")).Code);
        Assert.Equal(404, (await cluster.GetAsync("/api/v1/namespaces/doomed")).Code);
    }

    [Fact]
    public async Task Deletecollection_removes_the_matching_objects_only()
    {
        await using var cluster = await TestCluster.StartAsync();
        foreach (var (name, tier) in new[] { ("a", "web"), ("b", "web"), ("c", "db") })
        {
            var cm = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["tier"] = tier } } };
            await cluster.PostAsync("/api/v1/namespaces/default/configmaps", cm);
        }

        var (code, _) = await cluster.DeleteAsync("/api/v1/namespaces/default/configmaps?labelSelector=tier%3Dweb");
        Assert.Equal(200, code);
        var (_, list) = await cluster.GetAsync("/api/v1/namespaces/default/configmaps");
        Assert.Equal(["c"], list!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Deployments_are_reported_available_as_KWOK_does()
    {
        await using var cluster = await TestCluster.StartAsync();
        var deployment = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
            """)!;
        var (code, created) = await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", deployment);
        Assert.Equal(201, code);
        var status = created!["status"]!;
        Assert.Equal(1, status["observedGeneration"]!.GetValue<long>());
        Assert.Equal(3, status["availableReplicas"]!.GetValue<long>());
        Assert.Equal(3, status["readyReplicas"]!.GetValue<long>());
        Assert.Contains(status["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Available" && c["status"]!.GetValue<string>() == "True");
        var (_, scaled) = await cluster.PatchAsync("/apis/apps/v1/namespaces/default/deployments/web", """{"spec":{"replicas":5}}""", "application/merge-patch+json");
        Assert.Equal(2, scaled!["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal(5, scaled["status"]!["updatedReplicas"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_pod_disruption_budget_is_reported_met_for_its_current_generation()
    {
        await using var cluster = await TestCluster.StartAsync();
        var pdb = JsonNode.Parse("""{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"web"},"spec":{"minAvailable":1,"selector":{"matchLabels":{"app":"web"}}}}""")!;
        var (code, created) = await cluster.PostAsync("/apis/policy/v1/namespaces/default/poddisruptionbudgets", pdb);
        Assert.Equal(201, code);
        Assert.Equal(1, created!["status"]!["observedGeneration"]!.GetValue<long>());

        // kstatus counts a PodDisruptionBudget Current only when observedGeneration has caught up with generation.
        var (_, changed) = await cluster.PatchAsync("/apis/policy/v1/namespaces/default/poddisruptionbudgets/web", """{"spec":{"minAvailable":2}}""", "application/merge-patch+json");
        Assert.Equal(2, changed!["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(2, changed["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal(2, changed["status"]!["conditions"]![0]!["observedGeneration"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_scale_subresource_reads_and_writes_deployment_replicas()
    {
        await using var cluster = await TestCluster.StartAsync();
        var deployment = JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""")!;
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", deployment);
        var (_, scale) = await cluster.GetAsync("/apis/apps/v1/namespaces/default/deployments/web/scale");
        Assert.Equal("Scale", scale!["kind"]!.GetValue<string>());
        Assert.Equal(2, scale["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal("app=web", scale["status"]!["selector"]!.GetValue<string>());
        var (code, patched) = await cluster.PatchAsync("/apis/apps/v1/namespaces/default/deployments/web/scale", """{"spec":{"replicas":5}}""", "application/merge-patch+json");
        Assert.Equal(200, code);
        Assert.Equal(5, patched!["spec"]!["replicas"]!.GetValue<long>());
        var (_, stored) = await cluster.GetAsync("/apis/apps/v1/namespaces/default/deployments/web");
        Assert.Equal(5, stored!["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal(2, stored["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_lease_put_to_a_missing_name_creates_it_and_a_put_without_resource_version_is_422()
    {
        await using var cluster = await TestCluster.StartAsync();
        var lease = JsonNode.Parse("""{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"leader"},"spec":{"holderIdentity":"a","leaseDurationSeconds":15}}""")!;
        var (code, _) = await cluster.PutAsync("/apis/coordination.k8s.io/v1/namespaces/default/leases/leader", lease);
        Assert.Equal(201, code);
        var (again, _) = await cluster.PutAsync("/apis/coordination.k8s.io/v1/namespaces/default/leases/leader", lease);
        Assert.Equal(422, again);
    }

    [Fact]
    public async Task Dry_run_validates_without_storing()
    {
        await using var cluster = await TestCluster.StartAsync();
        var cm = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "dry" } };
        var rv = cluster.Server.CurrentResourceVersion;
        var (code, _) = await cluster.PostAsync("/api/v1/namespaces/default/configmaps?dryRun=All", cm);
        Assert.Equal(201, code);
        Assert.Equal(404, (await cluster.GetAsync("/api/v1/namespaces/default/configmaps/dry")).Code);
        Assert.Equal(rv, cluster.Server.CurrentResourceVersion);
    }
}
