using System.Text.Json.Nodes;
using GongOperator.LocalCluster.OpenApi;
using GongOperator.LocalCluster.Tests.Schema;

namespace GongOperator.LocalCluster.Tests.OpenApi;

public sealed class OpenApiDocumentsTests
{
    private static OpenApiResource Widget(JsonObject? schema = null) =>
        new("example.com", "v1", "Widget", "widgets", true, true, schema ?? WidgetSchema.Node(), true);

    private static readonly OpenApiResource[] Standard =
    [
        Widget(),
        new("", "v1", "Namespace", "namespaces", false, true, null, false),
        new("", "v1", "ConfigMap", "configmaps", true, false, null, false),
        new("", "v1", "Secret", "secrets", true, false, null, false),
        new("apps", "v1", "Deployment", "deployments", true, true, null, false),
        new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, true, null, false),
    ];

    private static JsonObject Doc(OpenApiDocuments docs, string path) =>
        JsonNode.Parse(docs.Find(path)!.Json)!.AsObject();

    /// <summary>What kubectl's query-param verifier does: find the PATCH operation for the GVK and look for a query parameter.</summary>
    private static bool PatchOperationHasQueryParameter(JsonObject doc, string group, string version, string kind, string parameter)
    {
        foreach (KeyValuePair<string, JsonNode?> path in doc["paths"]!.AsObject())
        {
            if (path.Value!["patch"] is not JsonObject op || op["x-kubernetes-group-version-kind"] is not JsonObject gvk)
            {
                continue;
            }

            if ((string?)gvk["group"] == group && (string?)gvk["version"] == version && (string?)gvk["kind"] == kind)
            {
                return op["parameters"]!.AsArray().Any(p => (string?)p!["name"] == parameter && (string?)p["in"] == "query");
            }
        }

        return false;
    }

    [Fact]
    public void Root_lists_every_group_version_with_a_hashed_server_relative_url()
    {
        OpenApiDocuments docs = OpenApiDocuments.Build(Standard);
        JsonObject root = JsonNode.Parse(docs.RootJson)!.AsObject();

        JsonObject paths = root["paths"]!.AsObject();
        Assert.Equal(["api/v1", "apis/apiextensions.k8s.io/v1", "apis/apps/v1", "apis/example.com/v1"], paths.Select(kv => kv.Key));
        string url = (string)paths["apis/example.com/v1"]!["serverRelativeURL"]!;
        Assert.Equal("/openapi/v3/apis/example.com/v1?hash=" + docs.Find("apis/example.com/v1")!.Hash, url);
        Assert.Matches("^[0-9A-F]{128}$", docs.Find("api/v1")!.Hash);
    }

    [Fact]
    public void Hash_is_stable_for_the_same_input_and_changes_with_the_schema()
    {
        string first = OpenApiDocuments.Build(Standard).Find("apis/example.com/v1")!.Hash;
        string again = OpenApiDocuments.Build(Standard).Find("apis/example.com/v1")!.Hash;
        JsonObject changed = WidgetSchema.Node();
        changed["properties"]!["spec"]!["description"] = "Something else.";
        OpenApiDocuments rebuilt = OpenApiDocuments.Build([Widget(changed), .. Standard.Skip(1)]);

        Assert.Equal(first, again);
        Assert.NotEqual(first, rebuilt.Find("apis/example.com/v1")!.Hash);
        Assert.Equal(OpenApiDocuments.Build(Standard).Find("api/v1")!.Hash, rebuilt.Find("api/v1")!.Hash);
    }

    [Fact]
    public void Find_accepts_request_paths_with_prefix_and_hash()
    {
        OpenApiDocuments docs = OpenApiDocuments.Build(Standard);

        Assert.NotNull(docs.Find("/openapi/v3/apis/example.com/v1?hash=ABC&timeout=32s"));
        Assert.NotNull(docs.Find("api/v1"));
        Assert.Null(docs.Find("/openapi/v3/apis/example.com/v2"));
    }

    [Fact]
    public void Custom_resource_paths_match_the_recorded_document()
    {
        JsonObject doc = Doc(OpenApiDocuments.Build(Standard), "apis/example.com/v1");
        JsonObject paths = doc["paths"]!.AsObject();

        Assert.Equal(
            [
                "/apis/example.com/v1/namespaces/{namespace}/widgets",
                "/apis/example.com/v1/namespaces/{namespace}/widgets/{name}",
                "/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/status",
                "/apis/example.com/v1/widgets",
            ],
            paths.Select(kv => kv.Key));

        JsonObject collection = paths["/apis/example.com/v1/namespaces/{namespace}/widgets"]!.AsObject();
        Assert.Equal(["get", "post", "delete", "parameters"], collection.Select(kv => kv.Key));
        Assert.Equal("listExampleComV1NamespacedWidget", (string?)collection["get"]!["operationId"]);
        Assert.Equal("deleteExampleComV1CollectionNamespacedWidget", (string?)collection["delete"]!["operationId"]);
        Assert.Equal("deletecollection", (string?)collection["delete"]!["x-kubernetes-action"]);
        Assert.Equal("exampleCom_v1", (string?)collection["get"]!["tags"]![0]);

        JsonObject item = paths["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"]!.AsObject();
        Assert.Equal(["get", "put", "delete", "patch", "parameters"], item.Select(kv => kv.Key));
        Assert.Equal("patchExampleComV1NamespacedWidget", (string?)item["patch"]!["operationId"]);
        Assert.Equal(["name", "namespace", "pretty"], item["parameters"]!.AsArray().Select(p => (string?)p!["name"]));

        JsonObject status = paths["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/status"]!.AsObject();
        Assert.Equal("readExampleComV1NamespacedWidgetStatus", (string?)status["get"]!["operationId"]);
        Assert.Equal("patchExampleComV1NamespacedWidgetStatus", (string?)status["patch"]!["operationId"]);

        Assert.Equal("listExampleComV1WidgetForAllNamespaces", (string?)paths["/apis/example.com/v1/widgets"]!["get"]!["operationId"]);
        Assert.Equal("Kubernetes CRD Swagger", (string?)doc["info"]!["title"]);
        Assert.Equal("3.0.0", (string?)doc["openapi"]);
    }

    [Fact]
    public void Every_operation_carries_the_gvk_as_an_object_and_an_action()
    {
        OpenApiDocuments docs = OpenApiDocuments.Build(Standard);
        foreach (OpenApiDocument d in docs.Documents.Values)
        {
            JsonObject doc = JsonNode.Parse(d.Json)!.AsObject();
            foreach (KeyValuePair<string, JsonNode?> path in doc["paths"]!.AsObject())
            {
                foreach (KeyValuePair<string, JsonNode?> op in path.Value!.AsObject().Where(kv => kv.Key != "parameters"))
                {
                    Assert.IsType<JsonObject>(op.Value!["x-kubernetes-group-version-kind"]);
                    Assert.NotNull((string?)op.Value!["x-kubernetes-action"]);
                }
            }
        }
    }

    [Fact]
    public void Custom_resource_patch_lists_validation_parameters_and_never_strategic_merge_patch()
    {
        JsonObject doc = Doc(OpenApiDocuments.Build(Standard), "apis/example.com/v1");
        JsonObject patch = doc["paths"]!["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"]!["patch"]!.AsObject();

        Assert.Equal(["dryRun", "fieldManager", "fieldValidation", "force"], patch["parameters"]!.AsArray().Select(p => (string?)p!["name"]));
        Assert.Equal(
            ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"],
            patch["requestBody"]!["content"]!.AsObject().Select(kv => kv.Key));
        Assert.True(PatchOperationHasQueryParameter(doc, "example.com", "v1", "Widget", "fieldValidation"));
        Assert.DoesNotContain("strategic-merge-patch", doc.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Built_in_patch_also_lists_strategic_merge_patch_and_validation_parameters()
    {
        JsonObject doc = Doc(OpenApiDocuments.Build(Standard), "api/v1");
        JsonObject patch = doc["paths"]!["/api/v1/namespaces/{namespace}/configmaps/{name}"]!["patch"]!.AsObject();

        Assert.Contains("application/strategic-merge-patch+json", patch["requestBody"]!["content"]!.AsObject().Select(kv => kv.Key));
        Assert.True(PatchOperationHasQueryParameter(doc, string.Empty, "v1", "ConfigMap", "fieldValidation"));
        Assert.True(PatchOperationHasQueryParameter(doc, string.Empty, "v1", "Namespace", "fieldValidation"));
        Assert.Equal("patchCoreV1Namespace", (string?)doc["paths"]!["/api/v1/namespaces/{name}"]!["patch"]!["operationId"]);
        Assert.Equal("Kubernetes", (string?)doc["info"]!["title"]);
    }

    [Fact]
    public void Custom_component_keeps_crd_descriptions_and_points_metadata_at_object_meta()
    {
        JsonObject doc = Doc(OpenApiDocuments.Build(Standard), "apis/example.com/v1");
        JsonObject schemas = doc["components"]!["schemas"]!.AsObject();
        JsonObject widget = schemas["com.example.v1.Widget"]!.AsObject();

        JsonArray gvk = Assert.IsType<JsonArray>(widget["x-kubernetes-group-version-kind"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"group":"example.com","kind":"Widget","version":"v1"}]"""), gvk));
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", (string?)widget["properties"]!["metadata"]!["allOf"]![0]!["$ref"]);
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], widget["properties"]!.AsObject().Select(kv => kv.Key));
        JsonObject spec = widget["properties"]!["spec"]!.AsObject();
        Assert.Equal("WidgetSpec is the desired state of a Widget.", (string?)spec["description"]);
        Assert.Equal(["color", "maxReplicas", "owner", "replicas", "size"], spec["properties"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal("Size class of the widget.", (string?)spec["properties"]!["size"]!["description"]);
        Assert.Equal(1, (int)spec["properties"]!["replicas"]!["default"]!);
        Assert.Equal("replicas must not exceed maxReplicas", (string?)spec["x-kubernetes-validations"]![0]!["message"]);
        Assert.Equal("map", (string?)widget["properties"]!["status"]!["properties"]!["conditions"]!["x-kubernetes-list-type"]);

        JsonObject list = schemas["com.example.v1.WidgetList"]!.AsObject();
        Assert.Equal("WidgetList", (string?)list["x-kubernetes-group-version-kind"]![0]!["kind"]);
        Assert.Equal("#/components/schemas/com.example.v1.Widget", (string?)list["properties"]!["items"]!["items"]!["$ref"]);
    }

    [Fact]
    public void Every_reference_resolves_inside_its_document()
    {
        OpenApiDocuments docs = OpenApiDocuments.Build(Standard);
        foreach (OpenApiDocument d in docs.Documents.Values)
        {
            JsonObject doc = JsonNode.Parse(d.Json)!.AsObject();
            JsonObject schemas = doc["components"]!["schemas"]!.AsObject();
            foreach (string reference in References(doc))
            {
                Assert.StartsWith("#/components/schemas/", reference, StringComparison.Ordinal);
                Assert.True(schemas.ContainsKey(reference["#/components/schemas/".Length..]), $"{d.Path}: {reference}");
            }
        }
    }

    [Fact]
    public void Built_in_components_are_named_like_the_real_ones_and_carry_their_gvk()
    {
        OpenApiDocuments docs = OpenApiDocuments.Build(Standard);

        JsonObject core = Doc(docs, "api/v1")["components"]!["schemas"]!.AsObject();
        Assert.Equal("ConfigMap", (string?)core["io.k8s.api.core.v1.ConfigMap"]!["x-kubernetes-group-version-kind"]![0]!["kind"]);
        Assert.Equal("string", (string?)core["io.k8s.api.core.v1.ConfigMap"]!["properties"]!["data"]!["additionalProperties"]!["type"]);
        Assert.True(Doc(docs, "apis/apps/v1")["components"]!["schemas"]!.AsObject().ContainsKey("io.k8s.api.apps.v1.Deployment"));
        Assert.True(Doc(docs, "apis/apiextensions.k8s.io/v1")["components"]!["schemas"]!.AsObject()
            .ContainsKey("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"));
        JsonNode containers = Doc(docs, "apis/apps/v1")["components"]!["schemas"]!["io.k8s.api.apps.v1.Deployment"]!["properties"]!["spec"]!["properties"]!["template"]!["properties"]!["spec"]!["properties"]!["containers"]!;
        Assert.Equal("name", (string?)containers["x-kubernetes-patch-merge-key"]);
    }

    [Fact]
    public void Cluster_scoped_custom_resources_have_no_namespace_segment()
    {
        OpenApiDocuments docs = OpenApiDocuments.Build([new OpenApiResource("example.com", "v1alpha1", "Gadget", "gadgets", false, false, null, true)]);
        JsonObject paths = Doc(docs, "apis/example.com/v1alpha1")["paths"]!.AsObject();

        Assert.Equal(["/apis/example.com/v1alpha1/gadgets", "/apis/example.com/v1alpha1/gadgets/{name}"], paths.Select(kv => kv.Key));
        Assert.Equal("patchExampleComV1alpha1Gadget", (string?)paths["/apis/example.com/v1alpha1/gadgets/{name}"]!["patch"]!["operationId"]);
        Assert.Equal(["name", "pretty"], paths["/apis/example.com/v1alpha1/gadgets/{name}"]!["parameters"]!.AsArray().Select(p => (string?)p!["name"]));
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (KeyValuePair<string, JsonNode?> kv in o)
                {
                    if (kv.Key == "$ref")
                    {
                        yield return (string)kv.Value!;
                    }
                    else
                    {
                        foreach (string r in References(kv.Value))
                        {
                            yield return r;
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (JsonNode? item in a)
                {
                    foreach (string r in References(item))
                    {
                        yield return r;
                    }
                }

                break;
            default:
                break;
        }
    }
}
