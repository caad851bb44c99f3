using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.LocalCluster.Tests.Server;

/// <summary>
/// A CRD spec change swaps the resource's storage: for a window its requests are answered as kube-apiserver 1.28
/// answers them then (503 "apiserver is shutting down", Retry-After: 1), and the watches open at the change end.
/// The window runs on the server's TimeProvider, so a FakeTimeProvider holds it open for as long as a test needs.
/// </summary>
public sealed class StorageSwapTests
{
    private const string Widgets = "/apis/example.com/v1/namespaces/default/widgets";

    /// <summary>The body a real kube-apiserver 1.28 wrote, recorded from its WithWaitGroup filter (two newlines included).</summary>
    private const string RealBody = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"apiserver is shutting down\",\"reason\":\"ServiceUnavailable\",\"code\":503}\n\n";

    private static async Task<(TestCluster Cluster, FakeTimeProvider Clock)> StartWithWidgetAsync(bool optIn = true)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var options = new LocalApiServerOptions { TimeProvider = clock };
        var cluster = await TestCluster.StartAsync(optIn ? options with { CrdStorageSwapWindow = LocalApiServerOptions.StandardCrdStorageSwapWindow } : options);
        await cluster.InstallWidgetCrdAsync();
        Assert.Equal(201, (await cluster.PostAsync(Widgets, TestCluster.Widget("alpha"))).Code);
        return (cluster, clock);
    }

    [Fact]
    public async Task After_a_schema_change_the_resource_answers_503_with_Retry_After_until_the_window_closes()
    {
        var (cluster, clock) = await StartWithWidgetAsync();
        await using var _ = cluster;
        await cluster.ChangeWidgetSchemaAsync();

        using var response = await cluster.Http.GetAsync(Widgets + "/alpha", TestContext.Current.CancellationToken);
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter?.ToString());
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(RealBody, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // Every verb on the resource, its subresources included; not the CRD, discovery or other resources.
        Assert.Equal(503, (await cluster.GetAsync(Widgets)).Code);
        Assert.Equal(503, (await cluster.PostAsync(Widgets, TestCluster.Widget("beta"))).Code);
        Assert.Equal(503, (await cluster.PatchAsync(Widgets + "/alpha/status", """{"status":{"phase":"x"}}""", "application/merge-patch+json")).Code);
        Assert.Equal(503, (await cluster.DeleteAsync(Widgets + "/alpha")).Code);
        Assert.Equal(200, (await cluster.GetAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")).Code);
        Assert.Equal(200, (await cluster.GetAsync("/apis/example.com/v1")).Code);
        Assert.Equal(200, (await cluster.GetAsync("/api/v1/namespaces/default/configmaps")).Code);

        clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Equal(503, (await cluster.GetAsync(Widgets + "/alpha")).Code);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(200, (await cluster.GetAsync(Widgets + "/alpha")).Code);
        Assert.Equal(201, (await cluster.PostAsync(Widgets, TestCluster.Widget("beta"))).Code);
    }

    [Fact]
    public async Task A_change_of_the_CRD_metadata_only_is_no_storage_swap()
    {
        var (cluster, _) = await StartWithWidgetAsync();
        await using var _ = cluster;
        var (code, _) = await cluster.PatchAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com", """{"metadata":{"labels":{"team":"a"}}}""", "application/merge-patch+json");
        Assert.Equal(200, code);
        Assert.Equal(200, (await cluster.GetAsync(Widgets + "/alpha")).Code);
    }

    [Fact]
    public async Task A_server_that_did_not_opt_in_refuses_nothing_after_a_schema_change()
    {
        var (cluster, _) = await StartWithWidgetAsync(optIn: false);
        await using var _ = cluster;
        await cluster.ChangeWidgetSchemaAsync();
        Assert.Equal(200, (await cluster.GetAsync(Widgets + "/alpha")).Code);
    }

    [Fact]
    public async Task Watches_open_at_the_change_end_cleanly_when_the_window_closes_and_newer_ones_stay()
    {
        var (cluster, clock) = await StartWithWidgetAsync();
        await using var _ = cluster;
        var (_, list) = await cluster.GetAsync(Widgets);
        var rv = list!["metadata"]!["resourceVersion"]!.GetValue<string>();
        await using var before = await WatchReader.OpenAsync(cluster, $"{Widgets}?watch=true&resourceVersion={rv}");
        await Poll(() => cluster.Server.OpenWatchCount == 1);

        await cluster.ChangeWidgetSchemaAsync();
        await using var during = await WatchReader.OpenAsync(cluster, $"{Widgets}?watch=true&resourceVersion={rv}");
        Assert.Equal(200, during.StatusCode);
        await Poll(() => cluster.Server.OpenWatchCount == 2);

        clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Null(await before.NextAsync());
        Assert.Equal(201, (await cluster.PostAsync(Widgets, TestCluster.Widget("beta"))).Code);
        var added = await during.NextNonBookmarkAsync();
        Assert.Equal("ADDED", added["type"]!.GetValue<string>());
        Assert.Equal("beta", added["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task KubernetesClient_callers_get_an_HttpOperationException_with_the_Status_and_Retry_After()
    {
        var (cluster, clock) = await StartWithWidgetAsync();
        await using var _ = cluster;
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.Server.KubeconfigPath));
        var ct = TestContext.Current.CancellationToken;
        await cluster.ChangeWidgetSchemaAsync();

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("example.com", "v1", "default", "widgets", "alpha", cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, refused.Response.StatusCode);
        var status = JsonNode.Parse(refused.Response.Content)!;
        Assert.Equal("ServiceUnavailable", status["reason"]!.GetValue<string>());
        Assert.Equal("apiserver is shutting down", status["message"]!.GetValue<string>());
        Assert.Equal("1", string.Join(",", refused.Response.Headers["Retry-After"]));

        clock.Advance(TimeSpan.FromMilliseconds(200));
        var widget = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>("example.com", "v1", "default", "widgets", "alpha", cancellationToken: ct);
        Assert.Equal("alpha", widget.GetProperty("metadata").GetProperty("name").GetString());
    }

    private static Task Poll(Func<bool> condition) => RealClients.Poll.UntilAsync(condition);
}
