using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Patching;

namespace GongOperator.LocalCluster.Tests.Patching;

public sealed class StrategicMergePatchTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNodes.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected} but got {actual?.ToJsonString() ?? "null"}");

    private static JsonObject Patch(string target, string patch, string apiVersion = "apps/v1", string kind = "Deployment") =>
        StrategicMergePatch.Apply(Parse(target), Parse(patch), apiVersion, kind);

    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
         "spec":{"replicas":1,"template":{"spec":{
           "containers":[
             {"name":"app","image":"app:1","ports":[{"containerPort":80,"protocol":"TCP"}],
              "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
              "volumeMounts":[{"name":"data","mountPath":"/data"}],
              "args":["--one","--two"]},
             {"name":"sidecar","image":"side:1"}],
           "volumes":[{"name":"data","emptyDir":{}}],
           "imagePullSecrets":[{"name":"reg"}]}}}}
        """;

    [Fact]
    public void Maps_merge_and_null_deletes_like_a_merge_patch()
    {
        var result = Patch(Deployment, """{"metadata":{"labels":{"app":null,"tier":"web"}},"spec":{"replicas":3}}""");

        AssertJson("""{"tier":"web"}""", result["metadata"]!["labels"]);
        Assert.Equal(3, result["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Containers_merge_by_name_and_their_env_by_name()
    {
        var result = Patch(Deployment, """
            {"spec":{"template":{"spec":{"containers":[
              {"name":"app","image":"app:2","env":[{"name":"B","value":"20"},{"name":"C","value":"3"}]},
              {"name":"new","image":"new:1"}]}}}}
            """);

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["app", "sidecar", "new"], containers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("app:2", containers[0]!["image"]!.GetValue<string>());
        AssertJson("""[{"name":"A","value":"1"},{"name":"B","value":"20"},{"name":"C","value":"3"}]""", containers[0]!["env"]);
        AssertJson("""[{"containerPort":80,"protocol":"TCP"}]""", containers[0]!["ports"]);
        AssertJson("""{"name":"sidecar","image":"side:1"}""", containers[1]);
    }

    [Fact]
    public void Container_ports_merge_by_containerPort_and_volume_mounts_by_mountPath()
    {
        var result = Patch(Deployment, """
            {"spec":{"template":{"spec":{"containers":[{"name":"app",
              "ports":[{"containerPort":80,"name":"http"},{"containerPort":443}],
              "volumeMounts":[{"name":"data","mountPath":"/data","readOnly":true},{"name":"cache","mountPath":"/cache"}]}]}}}}
            """);

        var app = result["spec"]!["template"]!["spec"]!["containers"]![0]!;
        AssertJson("""[{"containerPort":80,"protocol":"TCP","name":"http"},{"containerPort":443}]""", app["ports"]);
        AssertJson("""[{"name":"data","mountPath":"/data","readOnly":true},{"name":"cache","mountPath":"/cache"}]""", app["volumeMounts"]);
    }

    [Fact]
    public void Untagged_lists_are_replaced()
    {
        var result = Patch(Deployment, """{"spec":{"template":{"spec":{"containers":[{"name":"app","args":["--three"]}]}}}}""");

        AssertJson("""["--three"]""", result["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]);
    }

    [Fact]
    public void Volumes_and_image_pull_secrets_merge_by_name()
    {
        var result = Patch(Deployment, """{"spec":{"template":{"spec":{"volumes":[{"name":"cache","emptyDir":{}}],"imagePullSecrets":[{"name":"other"}]}}}}""");

        var spec = result["spec"]!["template"]!["spec"]!;
        AssertJson("""[{"name":"data","emptyDir":{}},{"name":"cache","emptyDir":{}}]""", spec["volumes"]);
        AssertJson("""[{"name":"reg"},{"name":"other"}]""", spec["imagePullSecrets"]);
    }

    [Fact]
    public void A_delete_directive_in_a_list_item_removes_the_item_with_that_key()
    {
        var result = Patch(Deployment, """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"},{"name":"app","env":[{"name":"A","$patch":"delete"}]}]}}}}""");

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Single(containers);
        AssertJson("""[{"name":"B","value":"2"}]""", containers[0]!["env"]);
    }

    [Fact]
    public void A_replace_directive_item_replaces_the_whole_list()
    {
        var result = Patch(Deployment, """{"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"only:1"}]}}}}""");

        AssertJson("""[{"name":"only","image":"only:1"}]""", result["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Fact]
    public void A_replace_directive_in_a_map_replaces_the_map()
    {
        var result = Patch(Deployment, """{"metadata":{"labels":{"$patch":"replace","only":"this"}}}""");

        AssertJson("""{"only":"this"}""", result["metadata"]!["labels"]);
    }

    [Fact]
    public void A_delete_directive_in_a_map_removes_the_map()
    {
        var result = Patch(Deployment, """{"metadata":{"labels":{"$patch":"delete"}}}""");

        Assert.False(result["metadata"]!.AsObject().ContainsKey("labels"));
    }

    [Fact]
    public void A_merge_directive_is_the_default_behaviour()
    {
        var result = Patch(Deployment, """{"metadata":{"labels":{"$patch":"merge","tier":"web"}}}""");

        AssertJson("""{"app":"web","tier":"web"}""", result["metadata"]!["labels"]);
    }

    [Fact]
    public void Finalizers_merge_as_a_set_and_deleteFromPrimitiveList_removes_values()
    {
        var target = """{"metadata":{"name":"x","finalizers":["a.example.com/one","b.example.com/two"]}}""";

        var added = Patch(target, """{"metadata":{"finalizers":["b.example.com/two","c.example.com/three"]}}""", "v1", "ConfigMap");
        var removed = Patch(target, """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a.example.com/one"]}}""", "v1", "ConfigMap");

        AssertJson("""["a.example.com/one","b.example.com/two","c.example.com/three"]""", added["metadata"]!["finalizers"]);
        AssertJson("""["b.example.com/two"]""", removed["metadata"]!["finalizers"]);
    }

    [Fact]
    public void Owner_references_merge_by_uid()
    {
        var result = Patch(
            """{"metadata":{"ownerReferences":[{"uid":"u1","name":"a","kind":"Widget","apiVersion":"example.com/v1"}]}}""",
            """{"metadata":{"ownerReferences":[{"uid":"u2","name":"b","kind":"Widget","apiVersion":"example.com/v1"},{"uid":"u1","controller":true}]}}""",
            "v1",
            "ConfigMap");

        AssertJson(
            """[{"uid":"u1","name":"a","kind":"Widget","apiVersion":"example.com/v1","controller":true},{"uid":"u2","name":"b","kind":"Widget","apiVersion":"example.com/v1"}]""",
            result["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public void Status_conditions_merge_by_type()
    {
        var result = Patch(
            """{"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"Progressing","status":"True"}]}}""",
            """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"Done"}]}}""",
            "v1",
            "Pod");

        AssertJson("""[{"type":"Ready","status":"True","reason":"Done"},{"type":"Progressing","status":"True"}]""", result["status"]!["conditions"]);
    }

    [Fact]
    public void Service_ports_merge_by_port()
    {
        var result = Patch(
            """{"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443,"targetPort":8443}]}}""",
            """{"spec":{"ports":[{"port":80,"targetPort":9090}]}}""",
            "v1",
            "Service");

        AssertJson("""[{"port":80,"targetPort":9090},{"port":443,"targetPort":8443}]""", result["spec"]!["ports"]);
    }

    [Fact]
    public void SetElementOrder_reorders_a_merged_list_as_kubectl_apply_asks()
    {
        var result = Patch(Deployment, """
            {"spec":{"template":{"spec":{
              "$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}],
              "containers":[{"name":"app","image":"app:3"}]}}}}
            """);

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["sidecar", "app"], containers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("app:3", containers[1]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void SetElementOrder_reorders_a_primitive_list()
    {
        var result = Patch(
            """{"metadata":{"finalizers":["a","b"]}}""",
            """{"metadata":{"$setElementOrder/finalizers":["c","b","a"],"finalizers":["c"]}}""",
            "v1",
            "ConfigMap");

        AssertJson("""["c","b","a"]""", result["metadata"]!["finalizers"]);
    }

    [Fact]
    public void RetainKeys_drops_the_keys_not_listed()
    {
        var result = Patch(
            """{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""",
            """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");

        AssertJson("""{"type":"Recreate"}""", result["spec"]!["strategy"]);
    }

    [Fact]
    public void Patch_content_outside_retainKeys_is_a_failed_operation()
    {
        var error = Assert.Throws<PatchException>(() => Patch(
            """{"spec":{"strategy":{"type":"RollingUpdate"}}}""",
            """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":{"maxSurge":1}}}}"""));

        Assert.False(error.IsMalformed);
    }

    [Fact]
    public void A_list_item_without_its_merge_key_is_malformed()
    {
        var error = Assert.Throws<PatchException>(() => Patch(Deployment, """{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"""));

        Assert.True(error.IsMalformed);
        Assert.Contains("does not contain declared merge key: name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_patch_directive_is_malformed()
    {
        var error = Assert.Throws<PatchException>(() => Patch(Deployment, """{"metadata":{"$patch":"explode"}}"""));

        Assert.True(error.IsMalformed);
    }

    [Fact]
    public void Directives_never_leak_into_the_result_and_inputs_are_not_mutated()
    {
        var target = Parse(Deployment);
        var patch = Parse("""{"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"x","env":[{"name":"E","value":"1"}]}]}}},"metadata":{"labels":{"$patch":"replace","a":"b"}}}""");
        var targetText = target.ToJsonString();
        var patchText = patch.ToJsonString();

        var result = StrategicMergePatch.Apply(target, patch, "apps/v1", "Deployment");

        Assert.DoesNotContain("$patch", result.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(targetText, target.ToJsonString());
        Assert.Equal(patchText, patch.ToJsonString());
    }

    [Fact]
    public void A_kubectl_client_side_apply_patch_of_a_configmap_merges_data_and_the_last_applied_annotation()
    {
        var live = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},"data":{"a":"1","b":"2"}}""";

        var result = Patch(live, """{"data":{"b":null,"c":"3"},"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"data\":{}}"}}}""", "v1", "ConfigMap");

        AssertJson("""{"a":"1","c":"3"}""", result["data"]);
        Assert.Equal("{\"data\":{}}", result["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>());
    }
}
