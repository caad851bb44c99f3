using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

public sealed class CustomResourceSchemaTests
{
    private const string Widgets = "/apis/example.com/v1/namespaces/default/widgets";

    [Fact]
    public async Task Strict_field_validation_refuses_unknown_fields_with_400()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var widget = TestCluster.Widget("alpha");
        widget["spec"]!["colour"] = "red";
        var (code, body) = await cluster.SendAsync(HttpMethod.Post, Widgets + "?fieldValidation=Strict", widget.ToJsonString());
        Assert.Equal(400, code);
        Assert.Equal("Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.colour\"", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Warn_field_validation_prunes_and_answers_a_warning_header()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var widget = TestCluster.Widget("alpha");
        widget["spec"]!["colour"] = "red";
        using var content = new StringContent(widget.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await cluster.Http.PostAsync(Widgets + "?fieldValidation=Warn", content, TestContext.Current.CancellationToken);
        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal("299 - \"unknown field \\\"spec.colour\\\"\"", string.Join(",", response.Headers.NonValidated["Warning"]));
        var (_, stored) = await cluster.GetAsync(Widgets + "/alpha");
        Assert.Null(stored!["spec"]!["colour"]);
    }

    [Fact]
    public async Task Schema_violations_are_422_with_one_cause_per_field()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var widget = TestCluster.Widget("alpha", size: "huge", replicas: 11);
        widget["spec"]!["color"] = "blue";
        var (code, body) = await cluster.PostAsync(Widgets, widget);
        Assert.Equal(422, code);
        Assert.Equal("Widget", body!["details"]!["kind"]!.GetValue<string>());
        var fields = body["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(["spec.color", "spec.replicas", "spec.size"], fields);
        Assert.Contains(body["details"]!["causes"]!.AsArray(), c => c!["reason"]!.GetValue<string>() == "FieldValueNotSupported");
        Assert.StartsWith("Widget.example.com \"alpha\" is invalid: [", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defaults_apply_on_create_and_status_defaults_show_on_read()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var widget = TestCluster.Widget("alpha");
        widget["spec"]!.AsObject().Remove("replicas");
        var (_, created) = await cluster.PostAsync(Widgets, widget);
        Assert.Equal(1, created!["spec"]!["replicas"]!.GetValue<long>());
        var (_, list) = await cluster.GetAsync(Widgets);
        Assert.Equal(0, list!["items"]![0]!["status"]!["observedGeneration"]!.GetValue<long>());
    }

    [Fact]
    public async Task Server_side_apply_creates_then_reports_conflicts_and_force_takes_the_field()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        const string Applied = """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"alpha"},"spec":{"size":"small","replicas":2}}""";
        var (created, body) = await cluster.PatchAsync(Widgets + "/alpha?fieldManager=first", Applied, "application/apply-patch+yaml");
        Assert.Equal(201, created);
        Assert.Equal("Apply", body!["metadata"]!["managedFields"]![0]!["operation"]!.GetValue<string>());

        const string Other = """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"alpha"},"spec":{"size":"large"}}""";
        var (conflict, error) = await cluster.PatchAsync(Widgets + "/alpha?fieldManager=second", Other, "application/apply-patch+yaml");
        Assert.Equal(409, conflict);
        Assert.Equal("FieldManagerConflict", error!["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal(".spec.size", error["details"]!["causes"]![0]!["field"]!.GetValue<string>());

        var (forced, won) = await cluster.PatchAsync(Widgets + "/alpha?fieldManager=second&force=true", Other, "application/apply-patch+yaml");
        Assert.Equal(200, forced);
        Assert.Equal("large", won!["spec"]!["size"]!.GetValue<string>());
        Assert.Equal(2, won["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_CRD_scale_subresource_reads_and_writes_the_spec_replicas_path()
    {
        await using var cluster = await TestCluster.StartAsync();
        var crd = JsonNode.Parse(WidgetCrd.Json)!;
        crd["spec"]!["versions"]![0]!["subresources"]!["scale"] = new JsonObject { ["specReplicasPath"] = ".spec.replicas", ["statusReplicasPath"] = ".status.replicas" };
        Assert.Equal(201, (await cluster.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)).Code);
        await cluster.PostAsync(Widgets, TestCluster.Widget("alpha", replicas: 2));
        var (_, scale) = await cluster.GetAsync(Widgets + "/alpha/scale");
        Assert.Equal("Scale", scale!["kind"]!.GetValue<string>());
        Assert.Equal(2, scale["spec"]!["replicas"]!.GetValue<long>());
        var (code, patched) = await cluster.PatchAsync(Widgets + "/alpha/scale", """{"spec":{"replicas":6}}""", "application/merge-patch+json");
        Assert.Equal(200, code);
        Assert.Equal(6, patched!["spec"]!["replicas"]!.GetValue<long>());
        var (_, widget) = await cluster.GetAsync(Widgets + "/alpha");
        Assert.Equal(6, widget!["spec"]!["replicas"]!.GetValue<long>());
        var (tooMany, _) = await cluster.PatchAsync(Widgets + "/alpha/scale", """{"spec":{"replicas":60}}""", "application/merge-patch+json");
        Assert.Equal(422, tooMany);
    }

    [Fact]
    public async Task Apply_without_a_field_manager_is_422()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var (code, _) = await cluster.PatchAsync(Widgets + "/alpha", """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"alpha"},"spec":{"size":"small"}}""", "application/apply-patch+yaml");
        Assert.Equal(422, code);
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_built_in_lists_by_key()
    {
        await using var cluster = await TestCluster.StartAsync();
        var deployment = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"a","image":"one"},{"name":"b","image":"two"}]}}}}
            """)!;
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", deployment);
        var (code, patched) = await cluster.PatchAsync("/apis/apps/v1/namespaces/default/deployments/web", """{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"three"}]}}}}""", "application/strategic-merge-patch+json");
        Assert.Equal(200, code);
        var containers = patched!["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("three", containers.Single(c => c!["name"]!.GetValue<string>() == "b")!["image"]!.GetValue<string>());
    }
}
