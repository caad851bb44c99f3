using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GongOperator.LocalCluster.Tests.OpenApi;

/// <summary>
/// A throw-away HTTP server for driving the real kubectl against our OpenAPI documents and Tables:
/// legacy discovery for the core group and example.com/v1 (Widget), /openapi/v3 from
/// <see cref="OpenApiDocuments"/>, /openapi/v2 as 404, and a dictionary-backed object store.
/// </summary>
internal sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly OpenApiDocuments _documents;
    private readonly Func<string, JsonObject?>? _tableFor;
    private readonly ConcurrentDictionary<string, JsonObject> _store = new(StringComparer.Ordinal);

    private FakeApiServer(WebApplication app, OpenApiDocuments documents, Func<string, JsonObject?>? tableFor)
    {
        _app = app;
        _documents = documents;
        _tableFor = tableFor;
    }

    /// <summary>Every request as <c>METHOD path?query [content-type]</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The base URL, e.g. http://127.0.0.1:40123.</summary>
    public string Url => _app.Urls.First();

    /// <summary>Starts the server; <paramref name="tableFor"/> answers Table requests by path (null → plain JSON).</summary>
    public static async Task<FakeApiServer> StartAsync(OpenApiDocuments documents, Func<string, JsonObject?>? tableFor, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var server = new FakeApiServer(app, documents, tableFor);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>Writes a kubeconfig pointing at this server into <paramref name="directory"/> and returns its path.</summary>
    public string WriteKubeconfig(string directory)
    {
        string path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters: [{"{"}name: fake, cluster: {"{"}server: "{Url}"{"}"}{"}"}]
            users: [{"{"}name: u, user: {"{"}{"}"}{"}"}]
            contexts: [{"{"}name: c, context: {"{"}cluster: fake, user: u, namespace: default{"}"}{"}"}]
            current-context: c
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static JsonObject Resource(string name, string kind, bool namespaced, string shortName, params string[] verbs) =>
        new()
        {
            ["name"] = name,
            ["singularName"] = string.Empty,
            ["namespaced"] = namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray((verbs.Length > 0 ? verbs : ["create", "delete", "get", "list", "patch", "update", "watch"]).Select(v => (JsonNode?)v).ToArray()),
            ["shortNames"] = shortName.Length == 0 ? new JsonArray() : new JsonArray(shortName),
        };

    private static JsonObject? Discovery(string path) => path switch
    {
        "/version" => new JsonObject { ["major"] = "1", ["minor"] = "28", ["gitVersion"] = "v1.28.4" },
        "/api" => new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1"), ["serverAddressByClientCIDRs"] = new JsonArray() },
        "/apis" => JsonNode.Parse("""
            {"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"example.com","versions":[{"groupVersion":"example.com/v1","version":"v1"}],
             "preferredVersion":{"groupVersion":"example.com/v1","version":"v1"}}]}
            """)!.AsObject(),
        "/api/v1" => new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["groupVersion"] = "v1",
            ["resources"] = new JsonArray(Resource("namespaces", "Namespace", false, "ns"), Resource("configmaps", "ConfigMap", true, "cm")),
        },
        "/apis/example.com/v1" => new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = "example.com/v1",
            ["resources"] = new JsonArray(Resource("widgets", "Widget", true, "wd"), Resource("widgets/status", "Widget", true, string.Empty, "get", "patch", "update")),
        },
        _ => null,
    };

    private async Task HandleAsync(HttpContext ctx)
    {
        HttpRequest req = ctx.Request;
        string path = req.Path.Value ?? "/";
        Requests.Enqueue($"{req.Method} {path}{req.QueryString} {req.ContentType}");
        string body;
        using (var reader = new StreamReader(req.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(ctx.RequestAborted);
        }

        if (req.Method == "GET" && Discovery(path) is { } discovery)
        {
            await WriteAsync(ctx, 200, discovery.ToJsonString());
            return;
        }

        if (path == "/openapi/v3")
        {
            await WriteAsync(ctx, 200, _documents.RootJson);
            return;
        }

        if (path.StartsWith("/openapi/", StringComparison.Ordinal))
        {
            OpenApiDocument? doc = _documents.Find(path);
            await WriteAsync(ctx, doc is null ? 404 : 200, doc?.Json ?? "404 page not found\n", doc is null ? "text/plain" : "application/json");
            return;
        }

        if (path == "/api/v1/namespaces/default")
        {
            await WriteAsync(ctx, 200, """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"default"}}""");
            return;
        }

        string accept = req.Headers.Accept.ToString();
        if (req.Method == "GET" && accept.Contains("as=Table", StringComparison.Ordinal) && _tableFor?.Invoke(path) is { } table)
        {
            await WriteAsync(ctx, 200, table.ToJsonString(), "application/json;as=Table;v=v1;g=meta.k8s.io");
            return;
        }

        switch (req.Method)
        {
            case "GET" when _store.TryGetValue(path, out JsonObject? existing):
                await WriteAsync(ctx, 200, existing.ToJsonString());
                return;
            case "POST":
                {
                    JsonObject created = JsonNode.Parse(body)!.AsObject();
                    created["metadata"]!["namespace"] = "default";
                    created["metadata"]!["resourceVersion"] = "1";
                    _store[path + "/" + (string)created["metadata"]!["name"]!] = created;
                    await WriteAsync(ctx, 201, created.ToJsonString());
                    return;
                }

            case "PATCH" when _store.TryGetValue(path, out JsonObject? existing):
                await WriteAsync(ctx, 200, existing.ToJsonString());
                return;
            default:
                await WriteAsync(ctx, 404, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"not found","reason":"NotFound","code":404}""");
                return;
        }
    }

    private static async Task WriteAsync(HttpContext ctx, int status, string body, string contentType = "application/json")
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        await ctx.Response.WriteAsync(body, ctx.RequestAborted);
    }
}
