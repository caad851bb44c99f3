using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

public sealed class DiscoveryTests
{
    private const string AggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    [Fact]
    public async Task Version_reports_a_semver_git_version()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, body) = await cluster.GetAsync("/version");
        Assert.Equal(200, code);
        Assert.Matches(@"^v\d+\.\d+\.\d+$", body!["gitVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_endpoints_answer_ok()
    {
        await using var cluster = await TestCluster.StartAsync();
        foreach (var path in new[] { "/healthz", "/readyz", "/livez" })
        {
            var (code, body) = await cluster.GetAsync(path);
            Assert.Equal(200, code);
            Assert.Equal("ok", body!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Legacy_discovery_lists_core_and_group_resources()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (_, api) = await cluster.GetAsync("/api");
        Assert.Equal("APIVersions", api!["kind"]!.GetValue<string>());
        var (_, apis) = await cluster.GetAsync("/apis");
        Assert.Equal("APIGroupList", apis!["kind"]!.GetValue<string>());
        Assert.Contains(apis["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "apps");
        var (_, core) = await cluster.GetAsync("/api/v1");
        var secrets = core!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "secrets")!;
        Assert.True(secrets["namespaced"]!.GetValue<bool>());
        Assert.Equal("Secret", secrets["kind"]!.GetValue<string>());
        var (groupCode, group) = await cluster.GetAsync("/apis/apps");
        Assert.Equal(200, groupCode);
        Assert.Equal("apps/v1", group!["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        var (_, apps) = await cluster.GetAsync("/apis/apps/v1");
        Assert.Contains(apps!["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "deployments/status");
    }

    [Fact]
    public async Task Aggregated_discovery_is_served_with_its_exact_content_type_only_when_asked_for()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.TryAddWithoutValidation("Accept", AggregatedAccept);
        using var response = await cluster.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", string.Join(",", response.Content.Headers.NonValidated["Content-Type"]));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("APIGroupDiscoveryList", body["kind"]!.GetValue<string>());
        var apps = body["items"]!.AsArray().Single(i => i!["metadata"]!["name"]?.GetValue<string>() == "apps")!;
        var deployments = apps["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "deployments")!;
        Assert.Equal("Deployment", deployments["responseKind"]!["kind"]!.GetValue<string>());
        Assert.Equal("Namespaced", deployments["scope"]!.GetValue<string>());

        using var plain = await cluster.Http.GetAsync("/apis", TestContext.Current.CancellationToken);
        Assert.Equal("application/json", plain.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_created_CRD_is_established_and_appears_in_discovery()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var (_, crd) = await cluster.GetAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
        var conditions = crd!["status"]!["conditions"]!.AsArray();
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "Established" && c["status"]!.GetValue<string>() == "True");
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "NamesAccepted" && c["status"]!.GetValue<string>() == "True");
        Assert.Equal("Widget", crd["status"]!["acceptedNames"]!["kind"]!.GetValue<string>());

        var (code, list) = await cluster.GetAsync("/apis/example.com/v1");
        Assert.Equal(200, code);
        var widgets = list!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "widgets")!;
        Assert.Equal("wd", widgets["shortNames"]![0]!.GetValue<string>());
        Assert.Contains(list["resources"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "widgets/status");
        var (listCode, _) = await cluster.GetAsync("/apis/example.com/v1/namespaces/default/widgets");
        Assert.Equal(200, listCode);
    }

    [Fact]
    public async Task Unknown_paths_get_a_plain_404_page()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, body) = await cluster.GetAsync("/apis/example.com/v1/namespaces/default/doohickeys");
        Assert.Equal(404, code);
        Assert.Equal("404 page not found\n", body!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_401()
    {
        await using var cluster = await TestCluster.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer wrong");
        using var response = await cluster.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(401, (int)response.StatusCode);
    }
}
