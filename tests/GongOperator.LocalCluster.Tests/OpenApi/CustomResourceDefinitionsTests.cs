using System.Text.Json.Nodes;
using GongOperator.LocalCluster.OpenApi;
using GongOperator.LocalCluster.Tests.Schema;

namespace GongOperator.LocalCluster.Tests.OpenApi;

public sealed class CustomResourceDefinitionsTests
{
    [Fact]
    public void Served_versions_become_resources_with_schema_scope_and_status_flag()
    {
        JsonObject crd = JsonNode.Parse("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
             "spec":{"group":"example.com","scope":"Namespaced",
               "names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList","shortNames":["wd"]},
               "versions":[
                 {"name":"v1","served":true,"storage":true,"subresources":{"status":{}},"schema":{"openAPIV3Schema":{"type":"object"}}},
                 {"name":"v1beta1","served":false,"storage":false,"schema":{"openAPIV3Schema":{"type":"object"}}},
                 {"name":"v2","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}
            """)!.AsObject();
        crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"] = WidgetSchema.Node();

        IReadOnlyList<OpenApiResource> resources = CustomResourceDefinitions.ToOpenApiResources(crd);

        Assert.Equal(["v1", "v2"], resources.Select(r => r.Version));
        OpenApiResource v1 = resources[0];
        Assert.Equal(("example.com", "Widget", "widgets", true, true, true), (v1.Group, v1.Kind, v1.Plural, v1.Namespaced, v1.HasStatusSubresource, v1.IsCustomResource));
        Assert.Equal("WidgetSpec is the desired state of a Widget.", (string?)v1.Schema!["properties"]!["spec"]!["description"]);
        Assert.False(resources[1].HasStatusSubresource);
    }

    [Fact]
    public void Cluster_scope_is_not_namespaced()
    {
        JsonObject crd = JsonNode.Parse("""
            {"spec":{"group":"example.com","scope":"Cluster","names":{"plural":"gadgets","kind":"Gadget"},"versions":[{"name":"v1","served":true}]}}
            """)!.AsObject();

        Assert.False(Assert.Single(CustomResourceDefinitions.ToOpenApiResources(crd)).Namespaced);
    }
}
