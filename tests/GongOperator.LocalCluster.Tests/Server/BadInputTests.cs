using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

public sealed class BadInputTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task Malformed_json_is_400_and_stores_nothing()
    {
        await using var cluster = await TestCluster.StartAsync();
        var rv = cluster.Server.CurrentResourceVersion;
        var (code, body) = await cluster.SendAsync(HttpMethod.Post, ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap" """);
        Assert.Equal(400, code);
        Assert.Equal("BadRequest", body!["reason"]!.GetValue<string>());
        Assert.Equal("Status", body["kind"]!.GetValue<string>());
        Assert.Equal(rv, cluster.Server.CurrentResourceVersion);
    }

    [Fact]
    public async Task Malformed_yaml_is_400()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, _) = await cluster.SendAsync(HttpMethod.Post, ConfigMaps, "kind: [unclosed\n  - a: b: c", "application/yaml");
        Assert.Equal(400, code);
    }

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","name":"b"}}""")]
    [InlineData("""{"apiVersion":5,"kind":"ConfigMap","metadata":{"name":"a"}}""")]
    [InlineData("""{"apiVersion":"v1","kind":"ConfigMap","metadata":"a"}""")]
    [InlineData("null")]
    [InlineData("[]")]
    public async Task Odd_json_is_400_never_500(string body)
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, status) = await cluster.SendAsync(HttpMethod.Post, ConfigMaps, body);
        Assert.Equal(400, code);
        Assert.Equal("BadRequest", status!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_yaml_alias_bomb_is_refused_with_400()
    {
        await using var cluster = await TestCluster.StartAsync();
        var yaml = new System.Text.StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n");
        yaml.Append("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var (code, _) = await cluster.SendAsync(HttpMethod.Post, ConfigMaps, yaml.ToString(), "application/yaml");
        Assert.Equal(400, code);
    }

    [Fact]
    public async Task A_yaml_body_creates_the_object()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, body) = await cluster.SendAsync(HttpMethod.Post, ConfigMaps, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  n: \"1\"\n", "application/yaml");
        Assert.Equal(201, code);
        Assert.Equal("1", body!["data"]!["n"]!.GetValue<string>());
    }

    [Fact]
    public async Task Content_type_parameters_are_ignored()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, _) = await cluster.SendAsync(HttpMethod.Post, ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""", "application/json; charset=utf-8");
        Assert.Equal(201, code);
        var (patchCode, _) = await cluster.SendAsync(HttpMethod.Patch, ConfigMaps + "/x", """{"data":{"a":"b"}}""", "application/merge-patch+json; charset=utf-8");
        Assert.Equal(200, patchCode);
    }

    [Fact]
    public async Task An_unknown_content_type_is_415()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, body) = await cluster.SendAsync(HttpMethod.Post, ConfigMaps, "x", "text/plain");
        Assert.Equal(415, code);
        Assert.Equal("UnsupportedMediaType", body!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Strategic_merge_patch_on_a_custom_resource_is_415()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        await cluster.PostAsync("/apis/example.com/v1/namespaces/default/widgets", TestCluster.Widget("alpha"));
        var (code, body) = await cluster.PatchAsync("/apis/example.com/v1/namespaces/default/widgets/alpha", """{"spec":{"replicas":2}}""", "application/strategic-merge-patch+json");
        Assert.Equal(415, code);
        Assert.Equal("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        await using var cluster = await TestCluster.StartAsync(new LocalApiServerOptions { MaxRequestBodyBytes = 1024 });
        var big = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "big" }, ["data"] = new JsonObject { ["k"] = new string('x', 4096) } };
        var (code, body) = await cluster.PostAsync(ConfigMaps, big);
        Assert.Equal(413, code);
        Assert.Equal("Status", body!["kind"]!.GetValue<string>());
        Assert.Equal(404, (await cluster.GetAsync(ConfigMaps + "/big")).Code);
    }

    [Fact]
    public async Task A_kind_that_does_not_match_the_url_is_400()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, _) = await cluster.PostAsync(ConfigMaps, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "x" } });
        Assert.Equal(400, code);
    }

    [Fact]
    public async Task An_invalid_name_is_422_with_a_cause_on_metadata_name()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, body) = await cluster.PostAsync(ConfigMaps, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "Not_Valid" } });
        Assert.Equal(422, code);
        Assert.Equal("ConfigMap", body!["details"]!["kind"]!.GetValue<string>());
        Assert.Equal("metadata.name", body["details"]!["causes"]![0]!["field"]!.GetValue<string>());
        Assert.StartsWith("ConfigMap \"Not_Valid\" is invalid: metadata.name: Invalid value: \"Not_Valid\"", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_methods_are_405()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, body) = await cluster.SendAsync(HttpMethod.Put, ConfigMaps, "{}");
        Assert.Equal(405, code);
        Assert.Equal("MethodNotAllowed", body!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Writes_to_a_namespaced_resource_outside_a_namespace_are_405()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, _) = await cluster.PostAsync("/api/v1/configmaps", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "x" } });
        Assert.Equal(405, code);
        Assert.Equal(404, (await cluster.GetAsync("/api/v1/configmaps/x")).Code);
    }

    [Fact]
    public async Task Unknown_top_level_and_metadata_fields_of_built_ins_follow_fieldValidation()
    {
        await using var cluster = await TestCluster.StartAsync();
        const string Typo = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","lables":{"a":"b"}},"date":{"k":"v"}}""";
        var (strict, error) = await cluster.SendAsync(HttpMethod.Post, ConfigMaps + "?fieldValidation=Strict", Typo);
        Assert.Equal(400, strict);
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"date\", unknown field \"metadata.lables\"", error!["message"]!.GetValue<string>());
        var (ignored, created) = await cluster.SendAsync(HttpMethod.Post, ConfigMaps + "?fieldValidation=Ignore", Typo);
        Assert.Equal(201, ignored);
        Assert.Null(created!["date"]);
        Assert.Null(created["metadata"]!["lables"]);
    }

    [Fact]
    public async Task A_failed_json_patch_test_is_422_and_a_malformed_one_400()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.PostAsync(ConfigMaps, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "x" }, ["data"] = new JsonObject { ["a"] = "1" } });
        var (failed, _) = await cluster.PatchAsync(ConfigMaps + "/x", """[{"op":"test","path":"/data/a","value":"2"}]""", "application/json-patch+json");
        Assert.Equal(422, failed);
        var (malformed, _) = await cluster.PatchAsync(ConfigMaps + "/x", """{"op":"test"}""", "application/json-patch+json");
        Assert.Equal(400, malformed);
    }

    [Fact]
    public async Task Concurrent_writers_to_one_object_either_win_or_get_409_and_the_object_stays_consistent()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var (_, created) = await cluster.PostAsync("/apis/example.com/v1/namespaces/default/widgets", TestCluster.Widget("alpha"));
        var tasks = Enumerable.Range(0, 20).Select(async i =>
        {
            var update = (JsonObject)created!.DeepClone();
            update["spec"]!["replicas"] = (i % 8) + 2;
            update["metadata"]!["labels"] = new JsonObject { ["writer"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            return (await cluster.PutAsync("/apis/example.com/v1/namespaces/default/widgets/alpha", update)).Code;
        }).ToList();
        var codes = await Task.WhenAll(tasks);
        Assert.All(codes, c => Assert.Contains(c, new[] { 200, 409 }));
        Assert.Single(codes, c => c == 200);
        var (_, read) = await cluster.GetAsync("/apis/example.com/v1/namespaces/default/widgets/alpha");
        Assert.Equal(2, read!["metadata"]!["generation"]!.GetValue<long>());
    }
}
