using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

/// <summary>
/// Names, label keys and values and annotation keys and size are refused as kube-apiserver 1.28 refuses them.
/// Every expected message below was recorded from the real server (../shared/tools/kube-apiserver, 2026-12).
/// </summary>
public sealed class MetadataValidationTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string QualifiedNamePart = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private const string QualifiedNameWhole = "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
    private const string LabelValue = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private const string Subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string Dns1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private static JsonObject ConfigMap(JsonObject metadata) => new() { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = metadata };

    private static JsonObject Map(params (string Key, string Value)[] entries)
    {
        var map = new JsonObject();
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return map;
    }

    private static async Task<JsonNode> RefusedAsync(TestCluster cluster, string path, JsonObject body)
    {
        var (code, status) = await cluster.PostAsync(path, body);
        Assert.True(code == 422, status?.ToJsonString());
        return status!;
    }

    private static async Task AssertMessageAsync(TestCluster cluster, string path, JsonObject body, string message)
    {
        var status = await RefusedAsync(cluster, path, body);
        Assert.Equal(message, status["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("bad label", "metadata.labels: Invalid value: \"bad label\": " + QualifiedNamePart)]
    [InlineData("a/b/c", "metadata.labels: Invalid value: \"a/b/c\": " + QualifiedNameWhole)]
    [InlineData("example.com/", "[metadata.labels: Invalid value: \"example.com/\": name part must be non-empty, metadata.labels: Invalid value: \"example.com/\": " + QualifiedNamePart + "]")]
    [InlineData("Bad_Prefix/x", "metadata.labels: Invalid value: \"Bad_Prefix/x\": prefix part " + Subdomain)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "metadata.labels: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": name part must be no more than 63 characters")]
    public async Task Label_keys_are_qualified_names(string key, string expected)
    {
        await using var cluster = await TestCluster.StartAsync();
        await AssertMessageAsync(cluster, ConfigMaps, ConfigMap(new JsonObject { ["name"] = "c", ["labels"] = Map((key, "x")) }), "ConfigMap \"c\" is invalid: " + expected);
    }

    [Fact]
    public async Task Label_values_are_checked_for_length_and_alphabet()
    {
        await using var cluster = await TestCluster.StartAsync();
        await AssertMessageAsync(cluster, ConfigMaps, ConfigMap(new JsonObject { ["name"] = "c", ["labels"] = Map(("k", "bad value")) }), "ConfigMap \"c\" is invalid: metadata.labels: Invalid value: \"bad value\": " + LabelValue);
        var long64 = new string('a', 64);
        await AssertMessageAsync(cluster, ConfigMaps, ConfigMap(new JsonObject { ["name"] = "c", ["labels"] = Map(("k", long64)) }), $"ConfigMap \"c\" is invalid: metadata.labels: Invalid value: \"{long64}\": must be no more than 63 characters");
        Assert.Equal(201, (await cluster.PostAsync(ConfigMaps, ConfigMap(new JsonObject { ["name"] = "ok", ["labels"] = Map(("example.com/Key_1", ""), ("k", "My.Value-1")) }))).Code);
    }

    [Fact]
    public async Task Annotation_keys_are_qualified_names_in_any_case()
    {
        await using var cluster = await TestCluster.StartAsync();
        await AssertMessageAsync(cluster, ConfigMaps, ConfigMap(new JsonObject { ["name"] = "c", ["annotations"] = Map(("bad key", "x")) }), "ConfigMap \"c\" is invalid: metadata.annotations: Invalid value: \"bad key\": " + QualifiedNamePart);
        await AssertMessageAsync(cluster, ConfigMaps, ConfigMap(new JsonObject { ["name"] = "c", ["annotations"] = Map(("a/b/c", "x")) }), "ConfigMap \"c\" is invalid: metadata.annotations: Invalid value: \"a/b/c\": " + QualifiedNameWhole);
        Assert.Equal(201, (await cluster.PostAsync(ConfigMaps, ConfigMap(new JsonObject { ["name"] = "upper", ["annotations"] = Map(("Example.COM/Key", "x")) }))).Code);
    }

    [Fact]
    public async Task Annotations_may_hold_256_KiB_in_all()
    {
        await using var cluster = await TestCluster.StartAsync(new LocalApiServerOptions { MaxRequestBodyBytes = 4 * 1024 * 1024 });
        var atLimit = ConfigMap(new JsonObject { ["name"] = "at-limit", ["annotations"] = Map(("k", new string('a', (256 * 1024) - 1))) });
        Assert.Equal(201, (await cluster.PostAsync(ConfigMaps, atLimit)).Code);

        var over = await RefusedAsync(cluster, ConfigMaps, ConfigMap(new JsonObject { ["name"] = "over", ["annotations"] = Map(("a", new string('x', 200000)), ("b", new string('y', 70000))) }));
        Assert.Equal("ConfigMap \"over\" is invalid: metadata.annotations: Too long: must have at most 262144 bytes", over["message"]!.GetValue<string>());
        var cause = over["details"]!["causes"]![0]!;
        Assert.Equal("FieldValueTooLong", cause["reason"]!.GetValue<string>());
        Assert.Equal("metadata.annotations", cause["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metadata_causes_come_in_one_answer_in_the_real_servers_order()
    {
        await using var cluster = await TestCluster.StartAsync();
        var body = ConfigMap(new JsonObject { ["name"] = "Bad", ["labels"] = Map(("bad label", "bad value")), ["annotations"] = Map(("a/b/c", "x")) });
        var status = await RefusedAsync(cluster, ConfigMaps, body);
        Assert.Equal(
            $"ConfigMap \"Bad\" is invalid: [metadata.name: Invalid value: \"Bad\": {Subdomain}, metadata.labels: Invalid value: \"bad label\": {QualifiedNamePart}, metadata.labels: Invalid value: \"bad value\": {LabelValue}, metadata.annotations: Invalid value: \"a/b/c\": {QualifiedNameWhole}]",
            status["message"]!.GetValue<string>());
        Assert.Equal(["metadata.name", "metadata.labels", "metadata.labels", "metadata.annotations"], status["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Names_follow_each_kinds_rule()
    {
        await using var cluster = await TestCluster.StartAsync();
        var long254 = new string('a', 254);
        await AssertMessageAsync(cluster, ConfigMaps, ConfigMap(new JsonObject { ["name"] = long254 }), $"ConfigMap \"{long254}\" is invalid: metadata.name: Invalid value: \"{long254}\": must be no more than 253 characters");

        static JsonObject Namespace(string name) => new() { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };
        await AssertMessageAsync(cluster, "/api/v1/namespaces", Namespace("a.b"), "Namespace \"a.b\" is invalid: metadata.name: Invalid value: \"a.b\": must not contain dots");
        var long64 = new string('a', 64);
        await AssertMessageAsync(cluster, "/api/v1/namespaces", Namespace(long64), $"Namespace \"{long64}\" is invalid: [metadata.name: Invalid value: \"{long64}\": must be no more than 63 characters, metadata.labels: Invalid value: \"{long64}\": must be no more than 63 characters]");

        var service = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = new JsonObject { ["name"] = "1abc" }, ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["port"] = 80 }) } };
        await AssertMessageAsync(cluster, "/api/v1/namespaces/default/services", service, "Service \"1abc\" is invalid: metadata.name: Invalid value: \"1abc\": " + Dns1035);

        var role = new JsonObject { ["apiVersion"] = "rbac.authorization.k8s.io/v1", ["kind"] = "Role", ["metadata"] = new JsonObject { ["name"] = "a/b%" } };
        await AssertMessageAsync(cluster, "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles", role, "Role.rbac.authorization.k8s.io \"a/b%\" is invalid: [metadata.name: Invalid value: \"a/b%\": may not contain '/', metadata.name: Invalid value: \"a/b%\": may not contain '%']");
        role["metadata"]!["name"] = "System:Thing";
        Assert.Equal(201, (await cluster.PostAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles", role)).Code);
    }

    [Fact]
    public async Task A_generate_name_is_checked_as_a_prefix_and_the_generated_name_too()
    {
        await using var cluster = await TestCluster.StartAsync();
        var status = await RefusedAsync(cluster, ConfigMaps, ConfigMap(new JsonObject { ["generateName"] = "Bad-" }));
        var name = status["details"]!["name"]!.GetValue<string>();
        Assert.StartsWith("Bad-", name, StringComparison.Ordinal);
        Assert.Equal(
            $"ConfigMap \"{name}\" is invalid: [metadata.generateName: Invalid value: \"Bad-\": {Subdomain}, metadata.name: Invalid value: \"{name}\": {Subdomain}]",
            status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Core_event_names_need_only_be_path_segments_but_events_k8s_io_names_are_subdomains()
    {
        await using var cluster = await TestCluster.StartAsync();
        static JsonObject CoreEvent(string name) => new()
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["involvedObject"] = new JsonObject { ["kind"] = "ConfigMap", ["name"] = "x", ["namespace"] = "default" },
            ["reason"] = "R",
            ["message"] = "m",
            ["type"] = "Normal",
        };
        Assert.Equal(201, (await cluster.PostAsync("/api/v1/namespaces/default/events", CoreEvent("e 3"))).Code);
        await AssertMessageAsync(cluster, "/api/v1/namespaces/default/events", CoreEvent(".."), "Event \"..\" is invalid: metadata.name: Invalid value: \"..\": may not be '..'");

        var view = JsonNode.Parse("""
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"Bad_x"},"eventTime":"2026-01-01T00:00:00.000000Z",
             "reportingController":"c","reportingInstance":"i","action":"A","reason":"R","type":"Normal",
             "regarding":{"kind":"ConfigMap","name":"x","namespace":"default"}}
            """)!.AsObject();
        await AssertMessageAsync(cluster, "/apis/events.k8s.io/v1/namespaces/default/events", view, "Event \"Bad_x\" is invalid: metadata.name: Invalid value: \"Bad_x\": " + Subdomain);
        view["metadata"] = new JsonObject { ["generateName"] = "Bad-" };
        var status = await RefusedAsync(cluster, "/apis/events.k8s.io/v1/namespaces/default/events", view);
        var generated = status["details"]!["name"]!.GetValue<string>();
        Assert.Equal($"Event \"{generated}\" is invalid: [metadata.generateName: Invalid value: \"Bad-\": {Subdomain}, metadata.name: Invalid value: \"{generated}\": {Subdomain}]", status["message"]!.GetValue<string>());
        Assert.Null(status["details"]!["group"]);
    }

    [Fact]
    public async Task A_custom_resource_gets_the_same_metadata_checks()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var widget = TestCluster.Widget("Bad");
        widget["metadata"]!["labels"] = Map(("a/b/c", "x"));
        await AssertMessageAsync(cluster, "/apis/example.com/v1/namespaces/default/widgets", widget, $"Widget.example.com \"Bad\" is invalid: [metadata.name: Invalid value: \"Bad\": {Subdomain}, metadata.labels: Invalid value: \"a/b/c\": {QualifiedNameWhole}]");
    }

    [Fact]
    public async Task An_update_that_adds_a_bad_label_is_refused_too()
    {
        await using var cluster = await TestCluster.StartAsync();
        Assert.Equal(201, (await cluster.PostAsync(ConfigMaps, ConfigMap(new JsonObject { ["name"] = "c" }))).Code);
        var (code, status) = await cluster.PatchAsync(ConfigMaps + "/c", """{"metadata":{"labels":{"bad label":"x"}}}""", "application/merge-patch+json");
        Assert.Equal(422, code);
        Assert.Equal("ConfigMap \"c\" is invalid: metadata.labels: Invalid value: \"bad label\": " + QualifiedNamePart, status!["message"]!.GetValue<string>());
    }
}
