using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

/// <summary>One embedded API server per test, with an authenticated HttpClient and small request helpers.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(LocalApiServer server, HttpClient http)
    {
        Server = server;
        Http = http;
    }

    public LocalApiServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<TestCluster> StartAsync(LocalApiServerOptions? options = null)
    {
        var server = await LocalApiServer.StartAsync(options ?? new LocalApiServerOptions(), TestContext.Current.CancellationToken);
        var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        return new TestCluster(server, http);
    }

    public async Task<(int Code, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        JsonNode? parsed = null;
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            parsed = JsonNode.Parse(text);
        }

        return ((int)response.StatusCode, parsed ?? (text.Length > 0 ? JsonValue.Create(text) : null));
    }

    public Task<(int Code, JsonNode? Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(int Code, JsonNode? Body)> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body.ToJsonString());

    public Task<(int Code, JsonNode? Body)> PutAsync(string path, JsonNode body) => SendAsync(HttpMethod.Put, path, body.ToJsonString());

    public Task<(int Code, JsonNode? Body)> PatchAsync(string path, string body, string contentType) => SendAsync(HttpMethod.Patch, path, body, contentType);

    public Task<(int Code, JsonNode? Body)> DeleteAsync(string path, string? body = null) => SendAsync(HttpMethod.Delete, path, body);

    public async Task CreateNamespaceAsync(string name)
    {
        var (code, body) = await PostAsync("/api/v1/namespaces", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } });
        Assert.True(code == 201, body?.ToJsonString());
    }

    public async Task InstallWidgetCrdAsync()
    {
        var (code, body) = await PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", JsonNode.Parse(WidgetCrd.Json)!);
        Assert.True(code == 201, body?.ToJsonString());
    }

    /// <summary>Adds a string property to the Widget schema (a spec change: the server swaps the resource's storage).</summary>
    public async Task ChangeWidgetSchemaAsync(string property = "extra")
    {
        var (_, crd) = await GetAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
        crd!["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]![property] = new JsonObject { ["type"] = "string" };
        var (code, body) = await PutAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com", crd);
        Assert.True(code == 200, body?.ToJsonString());
    }

    public static JsonObject Widget(string name, string size = "small", int replicas = 1) => new()
    {
        ["apiVersion"] = "example.com/v1",
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["size"] = size, ["replicas"] = replicas, ["color"] = "#112233" },
    };

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
