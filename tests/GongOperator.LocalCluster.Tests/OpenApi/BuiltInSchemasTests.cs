using GongOperator.LocalCluster.OpenApi;
using GongOperator.LocalCluster.Schema;

namespace GongOperator.LocalCluster.Tests.OpenApi;

public sealed class BuiltInSchemasTests
{
    [Fact]
    public void Built_in_schemas_give_server_side_apply_its_list_map_keys()
    {
        StructuralSchema deployment = StructuralSchema.Parse(BuiltInSchemas.For("apps", "v1", "Deployment"));

        Assert.Equal(["name"], deployment.ListMapKeys("spec.template.spec.containers"));
        Assert.Equal(["containerPort"], deployment.ListMapKeys("spec.template.spec.containers[0].ports"));
        Assert.Equal(["name"], deployment.ListMapKeys("spec.template.spec.containers.env"));
        Assert.Equal(["type"], deployment.ListMapKeys("status.conditions"));
        Assert.Null(deployment.ListMapKeys("spec.template.spec.containers.args"));
    }

    [Theory]
    [InlineData("", "v1", "ConfigMap", "io.k8s.api.core.v1.ConfigMap")]
    [InlineData("apps", "v1", "Deployment", "io.k8s.api.apps.v1.Deployment")]
    [InlineData("rbac.authorization.k8s.io", "v1", "Role", "io.k8s.api.rbac.v1.Role")]
    [InlineData("coordination.k8s.io", "v1", "Lease", "io.k8s.api.coordination.v1.Lease")]
    [InlineData("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition")]
    public void Component_names_follow_the_real_documents(string group, string version, string kind, string expected) =>
        Assert.Equal(expected, BuiltInSchemas.ComponentName(group, version, kind));

    [Theory]
    [InlineData("", "Core")]
    [InlineData("example.com", "ExampleCom")]
    [InlineData("rbac.authorization.k8s.io", "RbacAuthorization")]
    [InlineData("apiextensions.k8s.io", "Apiextensions")]
    [InlineData("my-group.example.org", "MyGroupExampleOrg")]
    public void Group_names_in_operation_ids_are_camel_cased(string group, string expected) =>
        Assert.Equal(expected, OpenApiNames.GroupCamel(group));
}
