using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Selectors;
using GongOperator.LocalCluster.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GongOperator.LocalCluster.Server;

/// <summary>The HTTP front: authentication, routing of discovery and resource URLs, body decoding, Status errors.</summary>
internal sealed class ApiRequestHandler
{
    private readonly ApiOperations operations;
    private readonly LocalApiServerOptions options;
    private readonly WatchGate gate;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly string expectedAuthorization;
    private readonly OpenApiEndpoint openApi;

    public ApiRequestHandler(ApiOperations operations, LocalApiServerOptions options, string token, WatchGate gate, TimeProvider time, ILogger logger)
    {
        this.operations = operations;
        this.options = options;
        this.gate = gate;
        this.time = time;
        this.logger = logger;
        expectedAuthorization = "Bearer " + token;
        openApi = new OpenApiEndpoint(operations.Registry);
    }

    /// <summary>host:port clients reach us at, for <c>/api</c>'s serverAddressByClientCIDRs.</summary>
    public string ServerAddress { get; set; } = "127.0.0.1";

    /// <summary>Bookmark cadence on idle watches.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    private ResourceRegistry Registry => operations.Registry;

    public async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        try
        {
            // kubectl and helm (client-go) never send a bearer token over plain HTTP, so over HTTP a
            // request without credentials is let through (loopback only); a wrong token never is.
            var authorization = context.Request.Headers.Authorization.ToString();
            var allowed = string.Equals(authorization, expectedAuthorization, StringComparison.Ordinal)
                || (authorization.Length == 0 && !context.Request.IsHttps);
            if (!allowed)
            {
                await WriteJsonAsync(context, 401, new StatusException(401, "Unauthorized", "Unauthorized").ToStatus(), ct).ConfigureAwait(false);
                return;
            }

            await RouteAsync(context, ct).ConfigureAwait(false);
        }
        catch (StatusException e)
        {
            await WriteStatusAsync(context, e, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // client went away
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            await WriteStatusAsync(context, StatusException.TooLarge(), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.RequestFailed(logger, context.Request.Method, context.Request.Path.ToString(), e);
            await WriteStatusAsync(context, StatusException.Internal(e.Message), ct).ConfigureAwait(false);
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
                await WriteTextAsync(context, 200, "ok", ct).ConfigureAwait(false);
                return;
            case "/version":
                await WriteJsonAsync(context, 200, Discovery.Version(), ct).ConfigureAwait(false);
                return;
            case "/api":
                if (Discovery.WantsAggregated(accept))
                {
                    await WriteJsonAsync(context, 200, Discovery.Aggregated(Registry.All, core: true), ct, Discovery.AggregatedContentType).ConfigureAwait(false);
                }
                else
                {
                    await WriteJsonAsync(context, 200, Discovery.ApiVersions(ServerAddress), ct).ConfigureAwait(false);
                }

                return;
            case "/apis":
                if (Discovery.WantsAggregated(accept))
                {
                    await WriteJsonAsync(context, 200, Discovery.Aggregated(Registry.All, core: false), ct, Discovery.AggregatedContentType).ConfigureAwait(false);
                }
                else
                {
                    await WriteJsonAsync(context, 200, Discovery.GroupList(Registry.All.Where(t => t.Group.Length > 0)), ct).ConfigureAwait(false);
                }

                return;
        }

        if (segments.Length >= 1 && segments[0] == "openapi")
        {
            if (segments.Length >= 2 && segments[1] == "v3" && method == "GET")
            {
                await openApi.ServeAsync(context, path, ct).ConfigureAwait(false);
                return;
            }

            await NotFoundPageAsync(context, ct).ConfigureAwait(false);
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
                var groupDoc = Discovery.GroupDocument(Registry.All, group);
                if (groupDoc is null)
                {
                    await NotFoundPageAsync(context, ct).ConfigureAwait(false);
                    return;
                }

                await WriteJsonAsync(context, 200, groupDoc, ct).ConfigureAwait(false);
                return;
            }

            version = segments[2];
            rest = segments[3..];
        }
        else
        {
            await NotFoundPageAsync(context, ct).ConfigureAwait(false);
            return;
        }

        if (rest.Length == 0)
        {
            var list = Discovery.ResourceList(Registry.All, group, version);
            if (list is null)
            {
                await NotFoundPageAsync(context, ct).ConfigureAwait(false);
                return;
            }

            await WriteJsonAsync(context, 200, list, ct).ConfigureAwait(false);
            return;
        }

        var all = Registry.All;
        var resourcePath = ResourcePath.Parse(group, version, rest, plural => all.Any(t => t.Group == group && t.Version == version && t.Plural == plural && t.Namespaced));
        var type = resourcePath is null ? null : Registry.Find(group, version, resourcePath.Plural);
        if (resourcePath is null || type is null || (resourcePath.Namespace is not null && !type.Namespaced) || (resourcePath.Subresource is not null && !(resourcePath.Subresource == "status" && type.HasStatus) && !(resourcePath.Subresource == "scale" && type.HasScale)))
        {
            await NotFoundPageAsync(context, ct).ConfigureAwait(false);
            return;
        }

        if (type.Namespaced && resourcePath.Namespace is null)
        {
            // Across namespaces a namespaced resource can only be listed or watched.
            if (resourcePath.Name is not null)
            {
                await NotFoundPageAsync(context, ct).ConfigureAwait(false);
                return;
            }

            if (method != "GET")
            {
                throw StatusException.MethodNotAllowed();
            }
        }

        await ServeResourceAsync(context, type, resourcePath, method, ct).ConfigureAwait(false);
    }

    private async Task ServeResourceAsync(HttpContext context, ResourceType type, ResourcePath path, string method, CancellationToken ct)
    {
        var q = context.Request.Query;
        var ns = type.Namespaced ? path.Namespace : null;
        var dryRun = q["dryRun"].ToString() == "All";
        var write = new WriteOptions(
            FieldManager: q["fieldManager"].ToString() is { Length: > 0 } fm ? fm : method == "PATCH" && MediaTypeOf(context) == RequestBody.ApplyPatch ? "" : UserAgentManager(context),
            FieldValidation: q["fieldValidation"].ToString() is { Length: > 0 } fv ? fv : "Warn",
            DryRun: dryRun,
            Force: q["force"].ToString() == "true");
        var table = TableResponses.Wanted(context.Request.Headers.Accept.ToString()) ? TableResponses.WriterFor(type, time) : null;
        var include = TableWriter.ParseIncludeObject(q["includeObject"].ToString());
        if (method is "POST" or "PUT" or "PATCH" && write.FieldValidation is not ("Strict" or "Warn" or "Ignore"))
        {
            throw StatusException.BadRequest($"fieldValidation parameter unsupported: {write.FieldValidation}");
        }

        if (path.Name is null)
        {
            switch (method)
            {
                case "GET":
                    var isWatch = q["watch"].ToString() is "true" or "1";
                    RequireVerb(type, isWatch ? "watch" : "list");
                    var listQuery = ParseListQuery(context, type);
                    if (isWatch)
                    {
                        var watchRequest = new WatchRequest(
                            q["allowWatchBookmarks"].ToString() == "true",
                            int.TryParse(q["timeoutSeconds"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var timeout) ? timeout : null,
                            q["sendInitialEvents"].ToString() switch { "true" => true, "false" => false, _ => null });
                        Func<JsonObject, JsonObject, bool, JsonObject>? transform = table is null ? null : (obj, _, first) => table.WriteWatchEvent(obj, first, include);
                        await new WatchStream(context, operations, type, ns, listQuery, watchRequest, gate, time, BookmarkInterval, transform).RunAsync(ct).ConfigureAwait(false);
                        return;
                    }

                    var listed = operations.List(type, ns, listQuery);
                    if (table is not null)
                    {
                        var rv = listed.ResourceVersion.ToString(CultureInfo.InvariantCulture);
                        await WriteJsonAsync(context, 200, table.WriteList(listed.Items, rv, listed.Continue, listed.Remaining, include), ct).ConfigureAwait(false);
                        return;
                    }

                    await WriteListAsync(context, type, listed, ct).ConfigureAwait(false);
                    return;
                case "POST":
                    RequireVerb(type, "create");
                    var body = await ReadObjectAsync(context, type, ct).ConfigureAwait(false);
                    var (code, created) = operations.Create(type, ns, body, write);
                    await WriteJsonAsync(context, code, created, ct, warnings: write.Warnings).ConfigureAwait(false);
                    return;
                case "DELETE":
                    RequireVerb(type, "deletecollection");
                    var collectionQuery = ParseListQuery(context, type);
                    await ReadDeleteOptionsAsync(context, ct).ConfigureAwait(false);
                    await WriteJsonAsync(context, 200, operations.DeleteCollection(type, ns, collectionQuery, dryRun), ct).ConfigureAwait(false);
                    return;
                default:
                    throw StatusException.MethodNotAllowed();
            }
        }

        var name = path.Name;
        if (path.Subresource == "scale")
        {
            await ServeScaleAsync(context, type, ns, name, method, write, ct).ConfigureAwait(false);
            return;
        }

        switch (method)
        {
            case "GET":
                RequireVerb(type, "get");
                var got = operations.Get(type, ns, name);
                await WriteJsonAsync(context, 200, table is null ? got : table.WriteObject(got, include), ct).ConfigureAwait(false);
                return;
            case "PUT":
                RequireVerb(type, "update");
                var body = await ReadObjectAsync(context, type, ct).ConfigureAwait(false);
                var (code, updated) = operations.Update(type, ns, name, path.Subresource, body, write);
                await WriteJsonAsync(context, code, updated, ct, warnings: write.Warnings).ConfigureAwait(false);
                return;
            case "PATCH":
                RequireVerb(type, "patch");
                var mediaType = MediaTypeOf(context);
                if (mediaType == RequestBody.StrategicMergePatch && type.IsCustom)
                {
                    throw StatusException.UnsupportedMediaType("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
                }

                if (mediaType is not (RequestBody.MergePatch or RequestBody.JsonPatch or RequestBody.StrategicMergePatch or RequestBody.ApplyPatch))
                {
                    throw StatusException.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml{(type.IsCustom ? "" : ", application/strategic-merge-patch+json")}");
                }

                var raw = await RequestBody.ReadAsync(context.Request, options.MaxRequestBodyBytes, ct).ConfigureAwait(false);
                var patch = RequestBody.ParseText(raw, yaml: mediaType == RequestBody.ApplyPatch, failure => mediaType == RequestBody.ApplyPatch ? "error decoding YAML: " + failure : failure);
                var (patchCode, patched) = operations.Patch(type, ns, name, path.Subresource, mediaType, patch, write);
                await WriteJsonAsync(context, patchCode, patched, ct, warnings: write.Warnings).ConfigureAwait(false);
                return;
            case "DELETE":
                RequireVerb(type, "delete");
                var deleteOptions = await ReadDeleteOptionsAsync(context, ct).ConfigureAwait(false);
                var (deleteCode, result) = operations.Delete(type, ns, name, deleteOptions, dryRun || (deleteOptions?["dryRun"] is JsonArray dr && dr.Any(d => Json.Text(d) == "All")));
                await WriteJsonAsync(context, deleteCode, result, ct).ConfigureAwait(false);
                return;
            default:
                throw StatusException.MethodNotAllowed();
        }
    }

    private async Task ServeScaleAsync(HttpContext context, ResourceType type, string? ns, string name, string method, WriteOptions write, CancellationToken ct)
    {
        switch (method)
        {
            case "GET":
                await WriteJsonAsync(context, 200, ApiOperations.ToScale(type, operations.Get(type, ns, name)), ct).ConfigureAwait(false);
                return;
            case "PUT":
                var body = RequestBody.ParseText(await RequestBody.ReadAsync(context.Request, options.MaxRequestBodyBytes, ct).ConfigureAwait(false), yaml: MediaTypeOf(context) == RequestBody.Yaml, failure => "the object provided is unrecognized (must be of type Scale): " + failure) as JsonObject
                    ?? throw StatusException.BadRequest("the object provided is unrecognized (must be of type Scale)");
                var (code, scale) = operations.WriteScale(type, ns, name, _ => body, write);
                await WriteJsonAsync(context, code, scale, ct).ConfigureAwait(false);
                return;
            case "PATCH":
                var mediaType = MediaTypeOf(context);
                var patch = RequestBody.ParseText(await RequestBody.ReadAsync(context.Request, options.MaxRequestBodyBytes, ct).ConfigureAwait(false), yaml: mediaType == RequestBody.ApplyPatch, failure => failure);
                Func<JsonObject, JsonObject> change = mediaType switch
                {
                    RequestBody.MergePatch or RequestBody.StrategicMergePatch => current => Patches.Merge(current, patch) as JsonObject ?? current,
                    RequestBody.JsonPatch => current => Patches.ApplyJsonPatch(current, patch) as JsonObject ?? current,
                    _ => throw StatusException.UnsupportedMediaType("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json"),
                };
                var (patchCode, patched) = operations.WriteScale(type, ns, name, change, write);
                await WriteJsonAsync(context, patchCode, patched, ct).ConfigureAwait(false);
                return;
            default:
                throw StatusException.MethodNotAllowed();
        }
    }

    private static void RequireVerb(ResourceType type, string verb)
    {
        if (!type.Verbs.Contains(verb))
        {
            throw StatusException.MethodNotAllowed();
        }
    }

    private static string MediaTypeOf(HttpContext context) => RequestBody.MediaType(context.Request);

    private static string UserAgentManager(HttpContext context)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        if (agent.Length == 0)
        {
            return "unknown";
        }

        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        var space = agent.IndexOf(' ', StringComparison.Ordinal);
        var end = new[] { slash, space, agent.Length }.Where(i => i >= 0).Min();
        var manager = agent[..end];
        return manager.Length > 128 ? manager[..128] : manager;
    }

    private static ListQuery ParseListQuery(HttpContext context, ResourceType type)
    {
        var q = context.Request.Query;
        int? limit = null;
        if (q["limit"].ToString() is { Length: > 0 } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw StatusException.BadRequest($"invalid limit: {limitText}");
            }

            limit = parsed;
        }

        return new ListQuery(
            LabelSelector.Parse(q["labelSelector"].ToString()),
            FieldSelector.Parse(q["fieldSelector"].ToString(), type),
            Empty(q["resourceVersion"].ToString()),
            Empty(q["resourceVersionMatch"].ToString()),
            limit,
            Empty(q["continue"].ToString()));
    }

    private static string? Empty(string s) => s.Length == 0 ? null : s;

    private async Task<JsonObject> ReadObjectAsync(HttpContext context, ResourceType type, CancellationToken ct)
    {
        var mediaType = MediaTypeOf(context);
        var raw = await RequestBody.ReadAsync(context.Request, options.MaxRequestBodyBytes, ct).ConfigureAwait(false);
        JsonNode? node;
        switch (mediaType)
        {
            case RequestBody.Json or "":
                node = RequestBody.ParseText(raw, yaml: false, failure => $"the object provided is unrecognized (must be of type {type.Kind}): {failure}");
                break;
            case RequestBody.Yaml:
                node = RequestBody.ParseText(raw, yaml: true, failure => $"the object provided is unrecognized (must be of type {type.Kind}): {failure}");
                break;
            case var protobuf when Protobuf.KubernetesProtobuf.IsProtobufMediaType(protobuf):
                node = ProtobufBodies.Decode(raw, type);
                break;
            default:
                throw StatusException.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf");
        }

        if (node is not JsonObject obj)
        {
            throw StatusException.BadRequest($"the object provided is unrecognized (must be of type {type.Kind}): couldn't get version/kind; json parse error: json: cannot unmarshal {(node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant())} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}");
        }

        return obj;
    }

    private async Task<JsonObject?> ReadDeleteOptionsAsync(HttpContext context, CancellationToken ct)
    {
        var raw = await RequestBody.ReadAsync(context.Request, options.MaxRequestBodyBytes, ct).ConfigureAwait(false);
        if (raw.Length == 0)
        {
            return null;
        }

        var mediaType = MediaTypeOf(context);
        if (Protobuf.KubernetesProtobuf.IsProtobufMediaType(mediaType))
        {
            return ProtobufBodies.Decode(raw, null);
        }

        var node = RequestBody.ParseText(raw, yaml: mediaType == RequestBody.Yaml, failure => "DeleteOptions: " + failure);
        return node as JsonObject ?? throw StatusException.BadRequest("DeleteOptions must be an object");
    }

    private static async Task WriteListAsync(HttpContext context, ResourceType type, (long ResourceVersion, List<JsonObject> Items, string? Continue, long? Remaining) list, CancellationToken ct)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", type.ListKind);
            writer.WriteString("apiVersion", type.GroupVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", list.ResourceVersion.ToString(CultureInfo.InvariantCulture));
            if (list.Continue is not null)
            {
                writer.WriteString("continue", list.Continue);
            }

            if (list.Remaining is { } remaining)
            {
                writer.WriteNumber("remainingItemCount", remaining);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in list.Items)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct).ConfigureAwait(false);
    }

    private static async Task WriteStatusAsync(HttpContext context, StatusException e, CancellationToken ct)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        await WriteJsonAsync(context, e.Code, e.ToStatus(), ct).ConfigureAwait(false);
    }

    internal static async Task WriteJsonAsync(HttpContext context, int code, JsonNode body, CancellationToken ct, string contentType = "application/json", IReadOnlyList<string>? warnings = null)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache, private";
        if (warnings is { Count: > 0 })
        {
            context.Response.Headers.Append("Warning", warnings.Select(Schema.SchemaStatus.WarningHeaderValue).ToArray());
        }

        var bytes = Json.Serialize(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, ct).ConfigureAwait(false);
    }

    private static async Task WriteTextAsync(HttpContext context, int code, string text, CancellationToken ct)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "text/plain; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, ct).ConfigureAwait(false);
    }

    private static Task NotFoundPageAsync(HttpContext context, CancellationToken ct) => WriteTextAsync(context, 404, "404 page not found\n", ct);
}
