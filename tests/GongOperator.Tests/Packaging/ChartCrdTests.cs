using GongOperator.Testing;

namespace GongOperator.Tests.Packaging;

/// <summary>The chart ships the generated CRD unchanged.</summary>
public sealed class ChartCrdTests
{
    [Fact]
    public void The_chart_crd_is_byte_for_byte_the_generated_crd()
    {
        var generated = File.ReadAllBytes(Path.Combine(KubeTools.RepositoryRoot, "config", "crd", "gongoperator.io_gongintegrationorigins.yaml"));
        var inChart = File.ReadAllBytes(Path.Combine(KubeTools.RepositoryRoot, "charts", "gong-operator", "crds", "gongoperator.io_gongintegrationorigins.yaml"));

        Assert.True(
            generated.AsSpan().SequenceEqual(inChart),
            "charts/gong-operator/crds/gongoperator.io_gongintegrationorigins.yaml is stale: " +
            "cp config/crd/gongoperator.io_gongintegrationorigins.yaml charts/gong-operator/crds/");
    }

    [Fact]
    public void The_chart_crds_folder_holds_only_the_generated_crd()
    {
        var files = Directory.GetFiles(Path.Combine(KubeTools.RepositoryRoot, "charts", "gong-operator", "crds"))
            .Select(Path.GetFileName);

        Assert.Equal(["gongoperator.io_gongintegrationorigins.yaml"], files);
    }
}
