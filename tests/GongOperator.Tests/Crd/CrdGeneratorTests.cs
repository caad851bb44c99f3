using GongOperator.Crd;
using GongOperator.Resources;
using GongOperator.Testing;

namespace GongOperator.Tests.Crd;

public sealed class CrdGeneratorTests
{
    private static readonly string Generated = CrdGenerator.GenerateYaml(typeof(GongIntegrationOrigin));

    [Theory]
    [InlineData("config/crd/gongoperator.io_gongintegrationorigins.yaml")]
    public void The_committed_crd_file_equals_what_the_types_generate(string path)
    {
        var committed = File.ReadAllText(Path.Combine(KubeTools.RepositoryRoot, path));

        Assert.True(
            committed == Generated,
            $"{path} is stale: run `dotnet run --project src/GongOperator -- crd > {path}`");
    }

    [Fact]
    public void The_crd_has_the_names_columns_and_status_default_the_product_needs()
    {
        var crd = CrdGenerator.Generate(typeof(GongIntegrationOrigin));
        var version = Assert.Single(crd.Spec.Versions);

        Assert.Equal("gongintegrationorigins.gongoperator.io", crd.Metadata.Name);
        Assert.Equal(["gio"], crd.Spec.Names.ShortNames);
        Assert.Equal(["gong"], crd.Spec.Names.Categories);
        Assert.Equal(["Type", "Origin", "Ready", "Reason", "Integration-ID", "Age"], version.AdditionalPrinterColumns.Select(c => c.Name));
        Assert.NotNull(version.Subresources.Status);
        var status = version.Schema.OpenAPIV3Schema.Properties["status"];
        var statusDefault = Assert.IsType<Dictionary<string, object?>>(status.DefaultProperty);
        Assert.Equal(0L, statusDefault["observedGeneration"]);
        var spec = version.Schema.OpenAPIV3Schema.Properties["spec"];
        Assert.Equal(["integrationType", "allowedOrigin"], spec.Required);
        Assert.Equal(OriginRules.Pattern, spec.Properties["allowedOrigin"].Pattern);
        Assert.All(spec.Properties.Values, p => Assert.False(string.IsNullOrEmpty(p.Description)));
    }
}
