using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.OpenApi;

/// <summary>
/// Builds one <c>/openapi/v3/{api|apis/g}/{v}</c> document: paths with get/put/patch/delete/post
/// operations (each carrying <c>x-kubernetes-group-version-kind</c> and <c>x-kubernetes-action</c>),
/// and components with one entry per kind and list kind plus the meta types.
/// </summary>
internal static class GroupVersionDocumentBuilder
{
    private static readonly string[] CustomMedia = ["application/json", "application/yaml"];
    private static readonly string[] BuiltInMedia = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];
    private static readonly string[] CustomPatchMedia = ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"];
    private static readonly string[] BuiltInPatchMedia = ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"];

    /// <summary>Builds the document for resources that all share one group and version.</summary>
    public static JsonObject Build(IReadOnlyList<OpenApiResource> resources, string kubernetesVersion)
    {
        bool allCustom = resources.All(r => r.IsCustomResource);
        var paths = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var schemas = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach ((string name, JsonObject schema) in MetaSchemas.All())
        {
            schemas[name] = schema;
        }

        foreach (OpenApiResource r in resources.OrderBy(r => r.Plural, StringComparer.Ordinal))
        {
            string component = ComponentName(r);
            string listComponent = component + "List";
            schemas[component] = KindSchema(r);
            schemas[listComponent] = ListSchema(r, component);
            AddPaths(paths, r, component, listComponent);
        }

        var pathsNode = new JsonObject();
        foreach (KeyValuePair<string, JsonObject> kv in paths)
        {
            pathsNode[kv.Key] = kv.Value;
        }

        var schemasNode = new JsonObject();
        foreach (KeyValuePair<string, JsonObject> kv in schemas)
        {
            schemasNode[kv.Key] = kv.Value;
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = allCustom
                ? new JsonObject { ["title"] = "Kubernetes CRD Swagger", ["version"] = "v0.1.0" }
                : new JsonObject { ["title"] = "Kubernetes", ["version"] = kubernetesVersion },
            ["paths"] = pathsNode,
            ["components"] = new JsonObject { ["schemas"] = schemasNode },
        };
    }

    /// <summary>The component name of a resource's kind.</summary>
    public static string ComponentName(OpenApiResource r) =>
        r.IsCustomResource
            ? OpenApiNames.CustomComponentName(r.Group, r.Version, r.Kind)
            : BuiltInSchemas.ComponentName(r.Group, r.Version, r.Kind);

    private static JsonObject KindSchema(OpenApiResource r)
    {
        JsonObject? source = r.Schema ?? (r.IsCustomResource ? null : BuiltInSchemas.For(r.Group, r.Version, r.Kind));
        return CrdSchemaPublisher.Publish(source, r.Group, r.Version, r.Kind, r.Kind + " objects.");
    }

    private static JsonObject ListSchema(OpenApiResource r, string component)
    {
        JsonObject list = SchemaFactory.ObjRequired(
            $"{r.Kind}List is a list of {r.Kind}",
            ["items"],
            ("apiVersion", SchemaFactory.Str(MetaSchemas.ApiVersionDescription)),
            ("items", SchemaFactory.ArrayOf($"List of {r.Plural}.", new JsonObject { ["$ref"] = SchemaFactory.ComponentPrefix + component })),
            ("kind", SchemaFactory.Str(MetaSchemas.KindDescription)),
            ("metadata", SchemaFactory.Ref(MetaSchemas.ListMeta, MetaSchemas.ListMetaDescription)));
        JsonObject ordered = CrdSchemaPublisher.Canonical(list);
        ordered["x-kubernetes-group-version-kind"] = CrdSchemaPublisher.Gvk(r.Group, r.Version, r.Kind + "List");
        return ordered;
    }

    private static void AddPaths(SortedDictionary<string, JsonObject> paths, OpenApiResource r, string component, string listComponent)
    {
        string prefix = "/" + OpenApiNames.GroupVersionPath(r.Group, r.Version);
        string collection = r.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{r.Plural}" : $"{prefix}/{r.Plural}";
        string item = collection + "/{name}";
        var ids = new OperationIds(r);

        paths[collection] = new JsonObject
        {
            ["get"] = Operation(r, $"list objects of kind {r.Kind}", ids.Of("list", string.Empty), "list", ListQuery(), null, Responses(r, ("200", listComponent))),
            ["post"] = Operation(r, $"create a {r.Kind}", ids.Of("create", string.Empty), "post", WriteQuery(), RequestBody(Media(r), component), Responses(r, ("200", component), ("201", component), ("202", component))),
            ["delete"] = Operation(r, $"delete collection of {r.Kind}", ids.Collection(), "deletecollection", [.. DeleteQuery(), .. ListQuery()], RequestBody(Media(r), MetaSchemas.DeleteOptions), Responses(r, ("200", MetaSchemas.Status))),
            ["parameters"] = PathParameters(r, withName: false),
        };

        paths[item] = new JsonObject
        {
            ["get"] = Operation(r, $"read the specified {r.Kind}", ids.Of("read", string.Empty), "get", [Query("resourceVersion", "string", "Read at this resourceVersion (ignored by the embedded server).")], null, Responses(r, ("200", component))),
            ["put"] = Operation(r, $"replace the specified {r.Kind}", ids.Of("replace", string.Empty), "put", WriteQuery(), RequestBody(Media(r), component), Responses(r, ("200", component), ("201", component))),
            ["delete"] = Operation(r, $"delete a {r.Kind}", ids.Of("delete", string.Empty), "delete", DeleteQuery(), RequestBody(Media(r), MetaSchemas.DeleteOptions), Responses(r, ("200", r.IsCustomResource ? component : MetaSchemas.Status), ("202", r.IsCustomResource ? component : MetaSchemas.Status))),
            ["patch"] = Operation(r, $"partially update the specified {r.Kind}", ids.Of("patch", string.Empty), "patch", PatchQuery(), RequestBody(r.IsCustomResource ? CustomPatchMedia : BuiltInPatchMedia, MetaSchemas.Patch), Responses(r, ("200", component), ("201", component))),
            ["parameters"] = PathParameters(r, withName: true),
        };

        if (r.HasStatusSubresource)
        {
            paths[item + "/status"] = new JsonObject
            {
                ["get"] = Operation(r, $"read status of the specified {r.Kind}", ids.Of("read", "Status"), "get", [Query("resourceVersion", "string", "Read at this resourceVersion (ignored by the embedded server).")], null, Responses(r, ("200", component))),
                ["put"] = Operation(r, $"replace status of the specified {r.Kind}", ids.Of("replace", "Status"), "put", WriteQuery(), RequestBody(Media(r), component), Responses(r, ("200", component), ("201", component))),
                ["patch"] = Operation(r, $"partially update status of the specified {r.Kind}", ids.Of("patch", "Status"), "patch", PatchQuery(), RequestBody(r.IsCustomResource ? CustomPatchMedia : BuiltInPatchMedia, MetaSchemas.Patch), Responses(r, ("200", component), ("201", component))),
                ["parameters"] = PathParameters(r, withName: true),
            };
        }

        if (r.Namespaced)
        {
            JsonArray parameters = new([.. ListQuery(), Query("pretty", "string", "When 'true', the output is pretty printed.")]);
            paths[$"{prefix}/{r.Plural}"] = new JsonObject
            {
                ["get"] = Operation(r, $"list objects of kind {r.Kind}", ids.AllNamespaces(), "list", [], null, Responses(r, ("200", listComponent))),
                ["parameters"] = parameters,
            };
        }
    }

    private static string[] Media(OpenApiResource r) => r.IsCustomResource ? CustomMedia : BuiltInMedia;

    private static JsonObject Operation(OpenApiResource r, string description, string operationId, string action, List<JsonObject> parameters, JsonObject? requestBody, JsonObject responses)
    {
        var op = new JsonObject
        {
            ["tags"] = new JsonArray(OpenApiNames.Tag(r.Group, r.Version)),
            ["description"] = description,
            ["operationId"] = operationId,
        };
        if (parameters.Count > 0)
        {
            op["parameters"] = new JsonArray(parameters.Select(p => (JsonNode?)p).ToArray());
        }

        if (requestBody is not null)
        {
            op["requestBody"] = requestBody;
        }

        op["responses"] = responses;
        op["x-kubernetes-action"] = action;

        // On operations the GVK is an object (kubectl matches it); on components it is an array.
        op["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind };
        return op;
    }

    private static JsonObject RequestBody(IEnumerable<string> mediaTypes, string component)
    {
        var content = new JsonObject();
        foreach (string media in mediaTypes)
        {
            content[media] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = SchemaFactory.ComponentPrefix + component } };
        }

        return new JsonObject { ["content"] = content };
    }

    private static JsonObject Responses(OpenApiResource r, params (string Code, string Component)[] codes)
    {
        var responses = new JsonObject();
        foreach ((string code, string component) in codes)
        {
            var content = new JsonObject();
            foreach (string media in Media(r))
            {
                content[media] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = SchemaFactory.ComponentPrefix + component } };
            }

            responses[code] = new JsonObject
            {
                ["description"] = code switch { "201" => "Created", "202" => "Accepted", _ => "OK" },
                ["content"] = content,
            };
        }

        responses["401"] = new JsonObject { ["description"] = "Unauthorized" };
        return responses;
    }

    private static JsonArray PathParameters(OpenApiResource r, bool withName)
    {
        var list = new JsonArray();
        if (withName)
        {
            list.Add(PathParameter("name", $"name of the {r.Kind}"));
        }

        if (r.Namespaced)
        {
            list.Add(PathParameter("namespace", "object name and auth scope, such as for teams and projects"));
        }

        list.Add(Query("pretty", "string", "When 'true', the output is pretty printed."));
        return list;
    }

    private static JsonObject PathParameter(string name, string description) =>
        new()
        {
            ["name"] = name,
            ["in"] = "path",
            ["description"] = description,
            ["required"] = true,
            ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
        };

    private static JsonObject Query(string name, string type, string description) =>
        new()
        {
            ["name"] = name,
            ["in"] = "query",
            ["description"] = description,
            ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
        };

    private static List<JsonObject> ListQuery() =>
    [
        Query("allowWatchBookmarks", "boolean", "Ask for BOOKMARK events in a watch."),
        Query("continue", "string", "Token from a previous limited list, to fetch the next page."),
        Query("fieldSelector", "string", "Restrict the result by fields, e.g. metadata.name=x."),
        Query("labelSelector", "string", "Restrict the result by labels."),
        Query("limit", "integer", "Maximum number of items to return; more are available through continue."),
        Query("resourceVersion", "string", "Constrains which resourceVersion the list or watch is served from."),
        Query("resourceVersionMatch", "string", "How resourceVersion is applied: NotOlderThan or Exact."),
        Query("sendInitialEvents", "boolean", "With watch=true, start the stream with the current objects (watch-list)."),
        Query("timeoutSeconds", "integer", "Limit on the duration of the list or watch call."),
        Query("watch", "boolean", "Stream changes (ADDED, MODIFIED, DELETED) instead of returning a list."),
    ];

    private static List<JsonObject> WriteQuery() =>
    [
        Query("dryRun", "string", "When 'All', the request is processed but nothing is persisted."),
        Query("fieldManager", "string", "Name of the actor making the change, recorded in managedFields."),
        Query("fieldValidation", "string", "How unknown or duplicate fields are handled: Ignore, Warn (default) or Strict."),
    ];

    private static List<JsonObject> PatchQuery() =>
    [
        .. WriteQuery(),
        Query("force", "boolean", "For apply patches: take ownership of fields other managers own."),
    ];

    private static List<JsonObject> DeleteQuery() =>
    [
        Query("dryRun", "string", "When 'All', the request is processed but nothing is persisted."),
        Query("gracePeriodSeconds", "integer", "Seconds before the object is deleted; zero means immediately."),
        Query("orphanDependents", "boolean", "Deprecated: use propagationPolicy."),
        Query("propagationPolicy", "string", "How dependents are handled: Orphan, Background or Foreground."),
    ];

    /// <summary>Operation ids in the real style, e.g. <c>patchExampleComV1NamespacedWidgetStatus</c>.</summary>
    private sealed class OperationIds(OpenApiResource r)
    {
        private readonly string _gv = OpenApiNames.GroupCamel(r.Group) + OpenApiNames.VersionCamel(r.Version);
        private readonly string _scope = r.Namespaced ? "Namespaced" : string.Empty;

        public string Of(string verb, string suffix) => verb + _gv + _scope + r.Kind + suffix;

        public string Collection() => "delete" + _gv + "Collection" + _scope + r.Kind;

        public string AllNamespaces() => "list" + _gv + r.Kind + "ForAllNamespaces";
    }
}
