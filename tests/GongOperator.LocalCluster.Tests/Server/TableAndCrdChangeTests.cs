using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

public sealed class TableAndCrdChangeTests
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    private const string Widgets = "/apis/example.com/v1/namespaces/default/widgets";

    private static async Task<JsonNode> GetTableAsync(TestCluster cluster, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", TableAccept);
        using var response = await cluster.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task Lists_and_gets_answer_a_Table_with_the_printer_columns_when_asked()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        await cluster.PostAsync(Widgets, TestCluster.Widget("alpha", "medium", 3));
        var table = await GetTableAsync(cluster, Widgets + "?limit=500");
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal(["Name", "Size", "Replicas", "Ready", "Age"], table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var row = table["rows"]![0]!;
        Assert.Equal("alpha", row["cells"]![0]!.GetValue<string>());
        Assert.Equal("medium", row["cells"]![1]!.GetValue<string>());
        Assert.Equal(3, row["cells"]![2]!.GetValue<long>());
        Assert.Equal("PartialObjectMetadata", row["object"]!["kind"]!.GetValue<string>());
        Assert.Equal("default", row["object"]!["metadata"]!["namespace"]!.GetValue<string>());

        var single = await GetTableAsync(cluster, Widgets + "/alpha");
        Assert.Single(single["rows"]!.AsArray());
    }

    [Fact]
    public async Task A_Table_watch_sends_one_row_per_event_with_columns_only_on_the_first()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        await cluster.PostAsync(Widgets, TestCluster.Widget("alpha"));
        using var request = new HttpRequestMessage(HttpMethod.Get, Widgets + "?watch=true&resourceVersion=0");
        request.Headers.TryAddWithoutValidation("Accept", TableAccept);
        using var response = await cluster.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var first = JsonNode.Parse((await reader.ReadLineAsync(TestContext.Current.CancellationToken))!)!;
        Assert.Equal("Table", first["object"]!["kind"]!.GetValue<string>());
        Assert.NotNull(first["object"]!["columnDefinitions"]);
        await cluster.PatchAsync(Widgets + "/alpha", """{"spec":{"size":"large"}}""", "application/merge-patch+json");
        var second = JsonNode.Parse((await reader.ReadLineAsync(TestContext.Current.CancellationToken))!)!;
        Assert.Equal("MODIFIED", second["type"]!.GetValue<string>());
        Assert.Null(second["object"]!["columnDefinitions"]);
        Assert.Equal("large", second["object"]!["rows"]![0]!["cells"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task The_OpenAPI_root_lists_the_CRD_group_version_and_its_hash_changes_with_the_CRD()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (_, before) = await cluster.GetAsync("/openapi/v3");
        Assert.Null(before!["paths"]!["apis/example.com/v1"]);
        await cluster.InstallWidgetCrdAsync();
        var (_, after) = await cluster.GetAsync("/openapi/v3");
        var url = after!["paths"]!["apis/example.com/v1"]!["serverRelativeURL"]!.GetValue<string>();
        var (code, doc) = await cluster.GetAsync(url);
        Assert.Equal(200, code);
        Assert.NotNull(doc!["components"]!["schemas"]!["com.example.v1.Widget"]);

        await cluster.ChangeWidgetSchemaAsync();
        var (_, changed) = await cluster.GetAsync("/openapi/v3");
        Assert.NotEqual(url, changed!["paths"]!["apis/example.com/v1"]!["serverRelativeURL"]!.GetValue<string>());

        var widget = TestCluster.Widget("alpha");
        widget["spec"]!["extra"] = "kept";
        var (_, created) = await cluster.SendAsync(HttpMethod.Post, Widgets + "?fieldValidation=Strict", widget.ToJsonString());
        Assert.Equal("kept", created!["spec"]!["extra"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_CRD_removes_its_objects_and_its_discovery_entry()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        await cluster.PostAsync(Widgets, TestCluster.Widget("alpha"));
        Assert.Equal(200, (await cluster.DeleteAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")).Code);
        Assert.Equal(404, (await cluster.GetAsync("/apis/example.com/v1")).Code);
        Assert.Equal(404, (await cluster.GetAsync(Widgets)).Code);
        await cluster.InstallWidgetCrdAsync();
        var (_, list) = await cluster.GetAsync(Widgets);
        Assert.Empty(list!["items"]!.AsArray());
    }
}
