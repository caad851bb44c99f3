using System.Globalization;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Selectors;
using GongOperator.LocalCluster.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GongOperator.LocalCluster.Server;

/// <summary>The HTTP side of one resource URL: query options, body decoding, the verb, and the answer (JSON, Table or watch stream).</summary>
internal sealed class ResourceEndpoint
{
    private const string AcceptedPatchTypes = "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";
    private readonly ApiOperations _operations;
    private readonly LocalApiServerOptions _options;
    private readonly WatchGate _gate;
    private readonly FaultHooks _faults;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ResourceEndpoint(ApiOperations operations, LocalApiServerOptions options, WatchGate gate, FaultHooks faults, TimeProvider time, ILogger logger)
    {
        _operations = operations;
        _options = options;
        _gate = gate;
        _faults = faults;
        _time = time;
        _logger = logger;
    }

    public async Task ServeAsync(HttpContext context, ResourceType type, ResourcePath path, string method, CancellationToken ct)
    {
        var q = context.Request.Query;
        var isWatch = method == "GET" && q["watch"].ToString() is "true" or "1";
        if (!isWatch && _operations.Swaps.Refuses(type))
        {
            // Watches are long-running requests, which the real server lets through to the new storage.
            var userAgent = context.Request.Headers.UserAgent.ToString();
            Log.StorageSwapRefused(_logger, method, context.Request.Path, userAgent);
            await Responses.WriteShuttingDownAsync(context, ct).ConfigureAwait(false);
            return;
        }

        if (_faults.Interceptor is { } intercept
            && await intercept(new ApiRequestInfo(method, type.Group, type.Version, path.Namespace, type.Plural, path.Name, path.Subresource, isWatch), ct).ConfigureAwait(false) is { } fault)
        {
            await Responses.WriteFaultAsync(context, fault, ct).ConfigureAwait(false);
            return;
        }

        var ns = type.Namespaced ? path.Namespace : null;
        var dryRun = q["dryRun"].ToString() == "All";
        var write = new WriteOptions(
            FieldManager: q["fieldManager"].ToString() is { Length: > 0 } fm ? fm : method == "PATCH" && MediaTypeOf(context) == RequestBody.ApplyPatch ? "" : UserAgentManager(context),
            FieldValidation: q["fieldValidation"].ToString() is { Length: > 0 } fv ? fv : "Warn",
            DryRun: dryRun,
            Force: q["force"].ToString() == "true");
        if (method is "POST" or "PUT" or "PATCH" && write.FieldValidation is not ("Strict" or "Warn" or "Ignore"))
        {
            throw StatusException.BadRequest($"fieldValidation parameter unsupported: {write.FieldValidation}");
        }

        if (path.Name is null)
        {
            await ServeCollectionAsync(context, type, ns, method, write, ct).ConfigureAwait(false);
        }
        else if (path.Subresource == "scale")
        {
            await ServeScaleAsync(context, type, ns, path.Name, method, write, ct).ConfigureAwait(false);
        }
        else
        {
            await ServeObjectAsync(context, type, ns, path.Name, path.Subresource, method, write, ct).ConfigureAwait(false);
        }
    }

    private async Task ServeCollectionAsync(HttpContext context, ResourceType type, string? ns, string method, WriteOptions write, CancellationToken ct)
    {
        var q = context.Request.Query;
        switch (method)
        {
            case "GET":
                var isWatch = q["watch"].ToString() is "true" or "1";
                RequireVerb(type, isWatch ? "watch" : "list");
                var listQuery = ParseListQuery(context, type);
                var table = TableFor(context, type);
                var include = TableWriter.ParseIncludeObject(q["includeObject"].ToString());
                if (isWatch)
                {
                    var watchRequest = new WatchRequest(
                        q["allowWatchBookmarks"].ToString() == "true",
                        int.TryParse(q["timeoutSeconds"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var timeout) ? timeout : null,
                        q["sendInitialEvents"].ToString() switch { "true" => true, "false" => false, _ => null });
                    Func<JsonObject, JsonObject, bool, JsonObject>? transform = table is null ? null : (obj, _, first) => table.WriteWatchEvent(obj, first, include);
                    await new WatchStream(context, _operations, type, ns, listQuery, watchRequest, _gate, _faults, _time, _options.BookmarkInterval, transform).RunAsync(ct).ConfigureAwait(false);
                    return;
                }

                var listed = _operations.Reader.List(type, ns, listQuery);
                if (table is not null)
                {
                    var rv = listed.ResourceVersion.ToString(CultureInfo.InvariantCulture);
                    await Responses.WriteJsonAsync(context, 200, table.WriteList(listed.Items, rv, listed.Continue, listed.Remaining, include), ct).ConfigureAwait(false);
                    return;
                }

                await Responses.WriteListAsync(context, type, listed, ct).ConfigureAwait(false);
                return;
            case "POST":
                RequireVerb(type, "create");
                var body = await ReadObjectAsync(context, type, ct).ConfigureAwait(false);
                await AcknowledgeAsync(context, _operations.WritesFor(type).Create(type, ns, body, write), ct, write.Warnings).ConfigureAwait(false);
                return;
            case "DELETE":
                RequireVerb(type, "deletecollection");
                var collectionQuery = ParseListQuery(context, type);
                await ReadDeleteOptionsAsync(context, ct).ConfigureAwait(false);
                await AcknowledgeAsync(context, new WriteResult(200, _operations.Deleter.DeleteCollection(type, ns, collectionQuery, write.DryRun)), ct).ConfigureAwait(false);
                return;
            default:
                throw StatusException.MethodNotAllowed();
        }
    }

    private async Task ServeObjectAsync(HttpContext context, ResourceType type, string? ns, string name, string? subresource, string method, WriteOptions write, CancellationToken ct)
    {
        switch (method)
        {
            case "GET":
                RequireVerb(type, "get");
                var got = _operations.Reader.Get(type, ns, name);
                var table = TableFor(context, type);
                var include = TableWriter.ParseIncludeObject(context.Request.Query["includeObject"].ToString());
                await Responses.WriteJsonAsync(context, 200, table is null ? got : table.WriteObject(got, include), ct).ConfigureAwait(false);
                return;
            case "PUT":
                RequireVerb(type, "update");
                var body = await ReadObjectAsync(context, type, ct).ConfigureAwait(false);
                await AcknowledgeAsync(context, _operations.WritesFor(type).Update(type, ns, name, subresource, body, write), ct, write.Warnings).ConfigureAwait(false);
                return;
            case "PATCH":
                RequireVerb(type, "patch");
                var mediaType = MediaTypeOf(context);
                if (mediaType == RequestBody.StrategicMergePatch && type.IsCustom)
                {
                    throw StatusException.UnsupportedMediaType("the body of the request was in an unknown format - accepted media types include: " + AcceptedPatchTypes);
                }

                if (mediaType is not (RequestBody.MergePatch or RequestBody.JsonPatch or RequestBody.StrategicMergePatch or RequestBody.ApplyPatch))
                {
                    throw StatusException.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: {AcceptedPatchTypes}{(type.IsCustom ? "" : ", application/strategic-merge-patch+json")}");
                }

                var raw = await RequestBody.ReadAsync(context.Request, _options.MaxRequestBodyBytes, ct).ConfigureAwait(false);
                var patch = RequestBody.ParseText(raw, yaml: mediaType == RequestBody.ApplyPatch, failure => mediaType == RequestBody.ApplyPatch ? "error decoding YAML: " + failure : failure);
                await AcknowledgeAsync(context, _operations.WritesFor(type).Patch(type, ns, name, subresource, mediaType, patch, write), ct, write.Warnings).ConfigureAwait(false);
                return;
            case "DELETE":
                RequireVerb(type, "delete");
                var deleteOptions = await ReadDeleteOptionsAsync(context, ct).ConfigureAwait(false);
                var dryRun = write.DryRun || (deleteOptions?["dryRun"] is JsonArray dr && dr.Any(d => Json.Text(d) == "All"));
                await AcknowledgeAsync(context, _operations.Deleter.Delete(type, ns, name, deleteOptions, dryRun), ct).ConfigureAwait(false);
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
                await Responses.WriteJsonAsync(context, 200, _operations.Scale.Get(type, ns, name), ct).ConfigureAwait(false);
                return;
            case "PUT":
                var body = RequestBody.ParseText(await RequestBody.ReadAsync(context.Request, _options.MaxRequestBodyBytes, ct).ConfigureAwait(false), yaml: MediaTypeOf(context) == RequestBody.Yaml, failure => "the object provided is unrecognized (must be of type Scale): " + failure) as JsonObject
                    ?? throw StatusException.BadRequest("the object provided is unrecognized (must be of type Scale)");
                await AcknowledgeAsync(context, _operations.Scale.Write(type, ns, name, _ => body, write), ct).ConfigureAwait(false);
                return;
            case "PATCH":
                var mediaType = MediaTypeOf(context);
                var patch = RequestBody.ParseText(await RequestBody.ReadAsync(context.Request, _options.MaxRequestBodyBytes, ct).ConfigureAwait(false), yaml: mediaType == RequestBody.ApplyPatch, failure => failure);
                Func<JsonObject, JsonObject> change = mediaType switch
                {
                    RequestBody.MergePatch or RequestBody.StrategicMergePatch => current => Patches.Merge(current, patch) as JsonObject ?? current,
                    RequestBody.JsonPatch => current => Patches.ApplyJsonPatch(current, patch) as JsonObject ?? current,
                    _ => throw StatusException.UnsupportedMediaType("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json"),
                };
                await AcknowledgeAsync(context, _operations.Scale.Write(type, ns, name, change, write), ct).ConfigureAwait(false);
                return;
            default:
                throw StatusException.MethodNotAllowed();
        }
    }

    private TableWriter? TableFor(HttpContext context, ResourceType type) =>
        TableResponses.Wanted(context.Request.Headers.Accept.ToString()) ? TableResponses.WriterFor(type, _time) : null;

    private static void RequireVerb(ResourceType type, string verb)
    {
        if (!type.Verbs.Contains(verb))
        {
            throw StatusException.MethodNotAllowed();
        }
    }

    private static string MediaTypeOf(HttpContext context) => RequestBody.MediaType(context.Request);

    /// <summary>The default field manager: the User-Agent's program name, as the real server derives it.</summary>
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
        var raw = await RequestBody.ReadAsync(context.Request, _options.MaxRequestBodyBytes, ct).ConfigureAwait(false);
        var node = mediaType switch
        {
            RequestBody.Json or "" => RequestBody.ParseText(raw, yaml: false, failure => $"the object provided is unrecognized (must be of type {type.Kind}): {failure}"),
            RequestBody.Yaml => RequestBody.ParseText(raw, yaml: true, failure => $"the object provided is unrecognized (must be of type {type.Kind}): {failure}"),
            _ when Protobuf.KubernetesProtobuf.IsProtobufMediaType(mediaType) => ProtobufBodies.Decode(raw, type),
            _ => throw StatusException.UnsupportedMediaType("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf"),
        };
        if (node is not JsonObject obj)
        {
            throw StatusException.BadRequest($"the object provided is unrecognized (must be of type {type.Kind}): couldn't get version/kind; json parse error: json: cannot unmarshal {(node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant())} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}");
        }

        return obj;
    }

    /// <summary>Answers a write once it is on disk: the writes of concurrent requests share one fsync (group commit).</summary>
    private Task AcknowledgeAsync(HttpContext context, WriteResult result, CancellationToken ct, IReadOnlyList<string>? warnings = null)
    {
        _operations.Store.MakeDurable();
        return Responses.WriteResultAsync(context, result, ct, warnings);
    }

    private async Task<JsonObject?> ReadDeleteOptionsAsync(HttpContext context, CancellationToken ct)
    {
        var raw = await RequestBody.ReadAsync(context.Request, _options.MaxRequestBodyBytes, ct).ConfigureAwait(false);
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
}
