using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

public sealed class GarbageCollectionTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private static async Task<string> CreateOwnerAsync(TestCluster cluster, string name)
    {
        var (_, owner) = await cluster.PostAsync(ConfigMaps, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name } });
        return owner!["metadata"]!["uid"]!.GetValue<string>();
    }

    private static JsonObject Dependent(string name, string ownerName, string ownerUid, string? finalizer = null)
    {
        var meta = new JsonObject
        {
            ["name"] = name,
            ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = ownerName, ["uid"] = ownerUid }),
        };
        if (finalizer is not null)
        {
            meta["finalizers"] = new JsonArray(finalizer);
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = meta, ["stringData"] = new JsonObject { ["a"] = "b" } };
    }

    [Fact]
    public async Task Deleting_an_owner_deletes_its_dependents_in_the_background()
    {
        await using var cluster = await TestCluster.StartAsync();
        var uid = await CreateOwnerAsync(cluster, "owner");
        await cluster.PostAsync("/api/v1/namespaces/default/secrets", Dependent("child", "owner", uid));
        await cluster.PostAsync("/api/v1/namespaces/default/secrets", Dependent("guarded", "owner", uid, "example.com/keep"));
        await cluster.DeleteAsync(ConfigMaps + "/owner", """{"propagationPolicy":"Background"}""");
        Assert.Equal(404, (await cluster.GetAsync("/api/v1/namespaces/default/secrets/child")).Code);
        var (_, guarded) = await cluster.GetAsync("/api/v1/namespaces/default/secrets/guarded");
        Assert.NotNull(guarded!["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task Orphan_propagation_keeps_dependents_and_drops_the_owner_reference()
    {
        await using var cluster = await TestCluster.StartAsync();
        var uid = await CreateOwnerAsync(cluster, "owner");
        await cluster.PostAsync("/api/v1/namespaces/default/secrets", Dependent("child", "owner", uid));
        await cluster.DeleteAsync(ConfigMaps + "/owner", """{"propagationPolicy":"Orphan"}""");
        var (code, child) = await cluster.GetAsync("/api/v1/namespaces/default/secrets/child");
        Assert.Equal(200, code);
        Assert.Null(child!["metadata"]!["ownerReferences"]);
    }
}
