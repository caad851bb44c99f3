using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GongOperator.LocalCluster.Server;

/// <summary>The HTTP front: authentication, routing of discovery and resource URLs, body decoding, Status errors.</summary>
internal sealed class ApiRequestHandler
{
    private readonly ResourceRegistry _registry;
    private readonly ResourceEndpoint _resources;
    private readonly ILogger _logger;
    private readonly string _expectedAuthorization;
    private readonly OpenApiEndpoint _openApi;

    public ApiRequestHandler(ApiOperations operations, LocalApiServerOptions options, string token, WatchGate gate, FaultHooks faults, ILogger logger)
    {
        _registry = operations.Registry;
        _resources = new ResourceEndpoint(operations, options, gate, faults, options.TimeProvider, logger);
        _logger = logger;
        _expectedAuthorization = "Bearer " + token;
        _openApi = new OpenApiEndpoint(operations.Registry);
    }

    /// <summary>host:port clients reach us at, for <c>/api</c>'s serverAddressByClientCIDRs.</summary>
    public string ServerAddress { get; set; } = "127.0.0.1";

    
    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        try
        {
            // kubectl and helm (client-go) never send a bearer token over plain HTTP, so over HTTP a
            // request without credentials is let through (loopback only); a wrong token never is.
            var authorization = context.Request.Headers.Authorization.ToString();
            var allowed = string.Equals(authorization, _expectedAuthorization, StringComparison.Ordinal)
                || (authorization.Length == 0 && !context.Request.IsHttps);
            if (!allowed)
            {
                await Responses.WriteJsonAsync(context, 401, new StatusException(401, "Unauthorized", "Unauthorized").ToStatus(), ct).ConfigureAwait(false);
                return;
            }

            await RouteAsync(context, ct).ConfigureAwait(false);
        }
        catch (StatusException e)
        {
            await Responses.WriteStatusAsync(context, e, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // client went away
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            await Responses.WriteStatusAsync(context, StatusException.TooLarge(), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.RequestFailed(_logger, context.Request.Method, context.Request.Path.ToString(), e);
            await Responses.WriteStatusAsync(context, StatusException.Internal(e.Message), ct).ConfigureAwait(false);
        }
    }

    private async Task RouteAsync(HttpContext context, CancellationToken ct)
    {
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        var accept = context.Request.Headers.Accept.ToString();
        switch (path.TrimEnd('/'))
        {
            case "/healthz" or "/readyz" or "/livez":
                await Responses.WriteTextAsync(context, 200, "ok", ct).ConfigureAwait(false);
                return;
            case "/version":
                await Responses.WriteJsonAsync(context, 200, Discovery.Version(), ct).ConfigureAwait(false);
                return;
            case "/api":
                if (Discovery.WantsAggregated(accept))
                {
                    await Responses.WriteJsonAsync(context, 200, Discovery.Aggregated(_registry.All, core: true), ct, Discovery.AggregatedContentType).ConfigureAwait(false);
                }
                else
                {
                    await Responses.WriteJsonAsync(context, 200, Discovery.ApiVersions(ServerAddress), ct).ConfigureAwait(false);
                }

                return;
            case "/apis":
                if (Discovery.WantsAggregated(accept))
                {
                    await Responses.WriteJsonAsync(context, 200, Discovery.Aggregated(_registry.All, core: false), ct, Discovery.AggregatedContentType).ConfigureAwait(false);
                }
                else
                {
                    await Responses.WriteJsonAsync(context, 200, Discovery.GroupList(_registry.All.Where(t => t.Group.Length > 0)), ct).ConfigureAwait(false);
                }

                return;
        }

        if (segments.Length >= 1 && segments[0] == "openapi")
        {
            if (segments.Length >= 2 && segments[1] == "v3" && method == "GET")
            {
                await _openApi.ServeAsync(context, path, ct).ConfigureAwait(false);
                return;
            }

            await Responses.NotFoundPageAsync(context, ct).ConfigureAwait(false);
            return;
        }

        string group;
        string version;
        string[] rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            group = "";
            version = segments[1];
            rest = segments[2..];
        }
        else if (segments.Length >= 2 && segments[0] == "apis")
        {
            group = segments[1];
            if (segments.Length == 2)
            {
                var groupDoc = Discovery.GroupDocument(_registry.All, group);
                if (groupDoc is null)
                {
                    await Responses.NotFoundPageAsync(context, ct).ConfigureAwait(false);
                    return;
                }

                await Responses.WriteJsonAsync(context, 200, groupDoc, ct).ConfigureAwait(false);
                return;
            }

            version = segments[2];
            rest = segments[3..];
        }
        else
        {
            await Responses.NotFoundPageAsync(context, ct).ConfigureAwait(false);
            return;
        }

        if (rest.Length == 0)
        {
            var list = Discovery.ResourceList(_registry.All, group, version);
            if (list is null)
            {
                await Responses.NotFoundPageAsync(context, ct).ConfigureAwait(false);
                return;
            }

            await Responses.WriteJsonAsync(context, 200, list, ct).ConfigureAwait(false);
            return;
        }

        var all = _registry.All;
        var resourcePath = ResourcePath.Parse(group, version, rest, plural => all.Any(t => t.Group == group && t.Version == version && t.Plural == plural && t.Namespaced));
        var type = resourcePath is null ? null : _registry.Find(group, version, resourcePath.Plural);
        if (resourcePath is null || type is null || (resourcePath.Namespace is not null && !type.Namespaced) || (resourcePath.Subresource is not null && !(resourcePath.Subresource == "status" && type.HasStatus) && !(resourcePath.Subresource == "scale" && type.HasScale)))
        {
            await Responses.NotFoundPageAsync(context, ct).ConfigureAwait(false);
            return;
        }

        if (type.Namespaced && resourcePath.Namespace is null)
        {
            // Across namespaces a namespaced resource can only be listed or watched.
            if (resourcePath.Name is not null)
            {
                await Responses.NotFoundPageAsync(context, ct).ConfigureAwait(false);
                return;
            }

            if (method != "GET")
            {
                throw StatusException.MethodNotAllowed();
            }
        }

        await _resources.ServeAsync(context, type, resourcePath, method, ct).ConfigureAwait(false);
    }
}
