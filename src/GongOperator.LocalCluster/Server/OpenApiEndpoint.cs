using System.Text;
using GongOperator.LocalCluster.OpenApi;
using GongOperator.LocalCluster.Resources;
using Microsoft.AspNetCore.Http;

namespace GongOperator.LocalCluster.Server;

/// <summary>Serves <c>/openapi/v3</c> from the OpenApi/ builder, rebuilt whenever the served resources change.</summary>
internal sealed class OpenApiEndpoint
{
    private readonly ResourceRegistry _registry;
    private readonly Lock _gate = new();
    private OpenApiDocuments? _documents;
    private long _builtAt = -1;

    public OpenApiEndpoint(ResourceRegistry registry) => _registry = registry;

    public async Task ServeAsync(HttpContext context, string path, CancellationToken ct)
    {
        var docs = Current();
        var trimmed = path.TrimEnd('/');
        if (trimmed == "/openapi/v3")
        {
            var root = Encoding.UTF8.GetBytes(docs.RootJson);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-cache, private";
            context.Response.ContentLength = root.Length;
            await context.Response.Body.WriteAsync(root, ct).ConfigureAwait(false);
            return;
        }

        var document = trimmed.StartsWith("/openapi/v3/", StringComparison.Ordinal) ? docs.Find(trimmed) : null;
        if (document is null)
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.Body.WriteAsync("404 page not found\n"u8.ToArray(), ct).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.ETag = document.ETag;
        if (context.Request.Headers.IfNoneMatch.ToString() == document.ETag)
        {
            context.Response.StatusCode = 304;
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = context.Request.Query.ContainsKey("hash") ? "public, immutable" : "no-cache, private";
        context.Response.ContentLength = document.Utf8.Length;
        await context.Response.Body.WriteAsync(document.Utf8, ct).ConfigureAwait(false);
    }

    private OpenApiDocuments Current()
    {
        lock (_gate)
        {
            var revision = _registry.Revision;
            if (_documents is null || _builtAt != revision)
            {
                _documents = OpenApiDocuments.Build(
                    _registry.All.Select(t => new OpenApiResource(t.Group, t.Version, t.Kind, t.Plural, t.Namespaced, t.HasStatus, t.Schema, t.IsCustom)),
                    Discovery.GitVersion);
                _builtAt = revision;
            }

            return _documents;
        }
    }
}
