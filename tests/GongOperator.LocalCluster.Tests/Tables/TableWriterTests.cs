using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Tables;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.LocalCluster.Tests.Tables;

public sealed class TableWriterTests
{
    // The recorded Widget CRD's additionalPrinterColumns.
    private static readonly PrinterColumn[] WidgetColumns =
    [
        new("Size", "string", null, "Size class of the widget", 0, ".spec.size"),
        new("Replicas", "integer", null, "Desired number of replicas", 0, ".spec.replicas"),
        new("Ready", "string", null, "Status of the Ready condition", 0, ".status.conditions[?(@.type==\"Ready\")].status"),
        new("Owner", "string", null, "Owning team (shown with -o wide only)", 1, ".spec.owner"),
        new("Age", "date", null, null, 0, ".metadata.creationTimestamp"),
    ];

    private static FakeTimeProvider ClockAt(string utc) => new(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject Alpha(bool ready = false)
    {
        JsonObject alpha = Obj("""
            {"apiVersion":"example.com/v1","kind":"Widget",
             "metadata":{"name":"alpha","namespace":"sample","uid":"5e6b1593-5350-4a68-9380-e3de2a9a7f32","resourceVersion":"481","generation":4,
                         "creationTimestamp":"2026-11-23T16:59:51Z","labels":{"app":"shop","tier":"web"}},
             "spec":{"color":"#3366ff","maxReplicas":5,"owner":"team-ops","replicas":4,"size":"medium"}}
            """);
        if (ready)
        {
            alpha["status"] = Obj("""
                {"conditions":[{"type":"Ready","status":"True","reason":"Configured","message":"ok","lastTransitionTime":"2026-11-23T17:00:17Z"}]}
                """);
        }

        return alpha;
    }

    private static JsonObject Beta() => Obj("""
        {"apiVersion":"example.com/v1","kind":"Widget",
         "metadata":{"name":"beta","namespace":"sample","uid":"dac58ee5-cafa-4f72-8be8-77eb2bf48345","resourceVersion":"476","generation":1,
                     "creationTimestamp":"2026-11-23T16:59:59Z","labels":{"app":"shop","tier":"backend"}},
         "spec":{"color":"#00aa00","owner":"team-b","replicas":1,"size":"large"}}
        """);

    [Fact]
    public void Widget_list_matches_the_recorded_table()
    {
        TableWriter writer = TableWriter.ForCustomResource(WidgetColumns, ClockAt("2026-11-23T17:00:06Z"));

        JsonObject table = writer.WriteList([Alpha(), Beta()], "484");

        Assert.Equal("Table", (string?)table["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)table["apiVersion"]);
        Assert.True(JsonNode.DeepEquals(Obj("""{"resourceVersion":"484"}"""), table["metadata"]));
        JsonArray definitions = table["columnDefinitions"]!.AsArray();
        definitions[0]!.AsObject().Remove("description");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            [{"name":"Name","type":"string","format":"name","priority":0},
             {"name":"Size","type":"string","format":"","description":"Size class of the widget","priority":0},
             {"name":"Replicas","type":"integer","format":"","description":"Desired number of replicas","priority":0},
             {"name":"Ready","type":"string","format":"","description":"Status of the Ready condition","priority":0},
             {"name":"Owner","type":"string","format":"","description":"Owning team (shown with -o wide only)","priority":1},
             {"name":"Age","type":"date","format":"","description":"Custom resource definition column (in JSONPath format): .metadata.creationTimestamp","priority":0}]
            """), definitions));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["alpha","medium",4,null,"team-ops","15s"]"""), table["rows"]![0]!["cells"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["beta","large",1,null,"team-b","7s"]"""), table["rows"]![1]!["cells"]));
        Assert.True(JsonNode.DeepEquals(Obj("""
            {"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
             "metadata":{"name":"beta","namespace":"sample","uid":"dac58ee5-cafa-4f72-8be8-77eb2bf48345","resourceVersion":"476","generation":1,
                         "creationTimestamp":"2026-11-23T16:59:59Z","labels":{"app":"shop","tier":"backend"}}}
            """), table["rows"]![1]!["object"]));
    }

    [Fact]
    public void Ready_column_reads_the_condition_status_through_a_filter()
    {
        TableWriter writer = TableWriter.ForCustomResource(WidgetColumns, ClockAt("2026-11-23T17:00:22Z"));

        JsonObject table = writer.WriteList([Alpha(ready: true)], "488");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["alpha","medium",4,"True","team-ops","31s"]"""), table["rows"]![0]!["cells"]));
    }

    [Fact]
    public void Empty_list_still_has_column_definitions_and_empty_rows()
    {
        JsonObject table = TableWriter.ForCustomResource(WidgetColumns, TimeProvider.System).WriteList([], "484");

        Assert.Equal(6, table["columnDefinitions"]!.AsArray().Count);
        Assert.Empty(table["rows"]!.AsArray());
    }

    [Fact]
    public void Custom_resource_without_printer_columns_gets_name_and_age()
    {
        TableWriter writer = TableWriter.ForCustomResource([], ClockAt("2026-11-23T21:00:00Z"));

        JsonObject table = writer.WriteObject(Beta());

        Assert.Equal(["Name", "Age"], table["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal("date", (string?)table["columnDefinitions"]![1]!["type"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["beta","4h"]"""), table["rows"]![0]!["cells"]));
        Assert.Equal("476", (string?)table["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public void Watch_events_carry_column_definitions_only_when_asked()
    {
        TableWriter writer = TableWriter.ForCustomResource(WidgetColumns, ClockAt("2026-11-23T17:00:06Z"));

        JsonObject first = writer.WriteWatchEvent(Beta(), includeColumnDefinitions: true);
        JsonObject later = writer.WriteWatchEvent(Beta(), includeColumnDefinitions: false);

        Assert.Equal(6, first["columnDefinitions"]!.AsArray().Count);
        Assert.True(later.ContainsKey("columnDefinitions"));
        Assert.Null(later["columnDefinitions"]);
        Assert.Single(later["rows"]!.AsArray());
        Assert.Equal("PartialObjectMetadata", (string?)later["rows"]![0]!["object"]!["kind"]);
    }

    [Fact]
    public void Include_object_none_and_object_change_the_row_object()
    {
        TableWriter writer = TableWriter.ForCustomResource(WidgetColumns, TimeProvider.System);

        Assert.False(writer.Row(Beta(), IncludeObject.None).ContainsKey("object"));
        Assert.Equal("Widget", (string?)writer.Row(Beta(), IncludeObject.Object)["object"]!["kind"]);
        Assert.Equal(IncludeObject.None, TableWriter.ParseIncludeObject("None"));
        Assert.Equal(IncludeObject.Metadata, TableWriter.ParseIncludeObject(null));
    }

    [Fact]
    public void Namespace_table_matches_the_recorded_single_get()
    {
        TableWriter writer = TableWriter.ForBuiltIn(string.Empty, "Namespace", ClockAt("2026-11-23T17:00:33Z"));
        JsonObject ns = Obj("""
            {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"sample","uid":"4a9e5329-d262-42d8-8f5b-c2e524081465","resourceVersion":"471",
             "creationTimestamp":"2026-11-23T16:59:50Z","labels":{"kubernetes.io/metadata.name":"sample"}},
             "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}
            """);

        JsonObject table = writer.WriteObject(ns);

        Assert.Equal("471", (string?)table["metadata"]!["resourceVersion"]);
        Assert.Equal(["Name", "Status", "Age"], table["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal("The status of the namespace", (string?)table["columnDefinitions"]![1]!["description"]);
        Assert.Equal("string", (string?)table["columnDefinitions"]![2]!["type"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["sample","Active","43s"]"""), table["rows"]![0]!["cells"]));
        Assert.False(table["rows"]![0]!["object"]!["metadata"]!.AsObject().ContainsKey("namespace"));
    }

    [Fact]
    public void Secret_config_map_and_deployment_have_their_default_columns()
    {
        FakeTimeProvider clock = ClockAt("2026-11-23T17:10:00Z");
        JsonObject secret = Obj("""{"metadata":{"name":"s","namespace":"n","creationTimestamp":"2026-11-23T17:00:00Z"},"type":"Opaque","data":{"a":"eA==","b":"eQ=="}}""");
        JsonObject configMap = Obj("""{"metadata":{"name":"c","namespace":"n","creationTimestamp":"2026-11-23T17:09:00Z"},"data":{"a":"x"},"binaryData":{"b":"eQ=="}}""");
        JsonObject deployment = Obj("""
            {"metadata":{"name":"d","namespace":"n","creationTimestamp":"2026-11-23T13:40:00Z"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"x"}},"template":{"spec":{"containers":[{"name":"web","image":"nginx:1"},{"name":"side","image":"busybox"}]}}},
             "status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}
            """);

        JsonNode secretCells = TableWriter.ForBuiltIn(string.Empty, "Secret", clock).Row(secret)["cells"]!;
        JsonNode configMapCells = TableWriter.ForBuiltIn(string.Empty, "ConfigMap", clock).Row(configMap)["cells"]!;
        TableWriter deployments = TableWriter.ForBuiltIn("apps", "Deployment", clock);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["s","Opaque",2,"10m"]"""), secretCells));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["c",2,"60s"]"""), configMapCells));
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"], deployments.Columns.Select(c => c.Name));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["d","2/3",3,2,"3h30m","web,side","nginx:1,busybox","app=x"]"""), deployments.Row(deployment)["cells"]));
        Assert.Equal(1, deployments.Columns[5].Priority);
    }

    [Fact]
    public void Pods_jobs_and_claims_get_the_columns_kubectl_prints_for_them()
    {
        FakeTimeProvider clock = ClockAt("2026-11-23T17:00:00Z");
        JsonObject pod = Obj("""
            {"metadata":{"name":"p","creationTimestamp":"2026-11-23T16:00:00Z"},"spec":{"containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"a","ready":true,"restartCount":2},{"name":"b","ready":false,"restartCount":1}]}}
            """);
        JsonObject job = Obj("""
            {"metadata":{"name":"j","creationTimestamp":"2026-11-23T16:00:00Z"},"spec":{"completions":3},
             "status":{"succeeded":3,"startTime":"2026-11-23T16:00:00Z","completionTime":"2026-11-23T16:00:42Z"}}
            """);
        JsonObject claim = Obj("""
            {"metadata":{"name":"c","creationTimestamp":"2026-11-23T16:00:00Z"},"spec":{"storageClassName":"fast"},
             "status":{"phase":"Bound","capacity":{"storage":"2Gi"},"accessModes":["ReadWriteOnce","ReadOnlyMany"]}}
            """);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["p","1/2","Running",3,"60m","<none>","<none>"]"""), TableWriter.ForBuiltIn(string.Empty, "Pod", clock).Row(pod)["cells"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["j","3/3","42s","60m","","","<none>"]"""), TableWriter.ForBuiltIn("batch", "Job", clock).Row(job)["cells"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["c","Bound","","2Gi","RWO,ROX","fast","60m"]"""), TableWriter.ForBuiltIn(string.Empty, "PersistentVolumeClaim", clock).Row(claim)["cells"]));
    }

    [Fact]
    public void Other_built_ins_get_name_and_age_and_roles_get_created_at()
    {
        FakeTimeProvider clock = ClockAt("2026-11-23T17:00:00Z");
        JsonObject pod = Obj("""{"metadata":{"name":"p","creationTimestamp":"2026-11-21T17:00:00Z"}}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["p","2d"]"""), TableWriter.ForBuiltIn(string.Empty, "LimitRange", clock).Row(pod)["cells"]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""["p","2026-11-21T17:00:00Z"]"""),
            TableWriter.ForBuiltIn("rbac.authorization.k8s.io", "Role", clock).Row(pod)["cells"]));
    }

    [Theory]
    [InlineData("integer", "4", "4")]
    [InlineData("integer", "4.7", "4")]
    [InlineData("integer", "\"4\"", "null")]
    [InlineData("number", "4", "4")]
    [InlineData("string", "4", "\"4\"")]
    [InlineData("string", "1.5", "\"1.5\"")]
    [InlineData("string", "true", "\"true\"")]
    [InlineData("string", """{"a":1}""", """ "{\"a\":1}" """)]
    [InlineData("boolean", "false", "false")]
    [InlineData("boolean", "\"false\"", "null")]
    [InlineData("date", "\"not a date\"", "\"<invalid>\"")]
    [InlineData("date", "\"2026-11-23T16:00:00Z\"", "\"60m\"")]
    [InlineData("date", "7", "null")]
    [InlineData("string", "null", "null")]
    public void Cells_are_converted_per_column_type_like_the_server(string type, string value, string expected)
    {
        DateTimeOffset now = DateTimeOffset.Parse("2026-11-23T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        JsonNode? cell = TableColumns.CellForValue(type, JsonNode.Parse(value), now);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), cell), cell?.ToJsonString() ?? "null");
    }
}
