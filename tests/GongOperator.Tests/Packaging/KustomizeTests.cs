using GongOperator.Testing;

namespace GongOperator.Tests.Packaging;

/// <summary>config/ (kustomize) renders what the chart renders with its defaults.</summary>
public sealed class KustomizeTests
{
    /// <summary>
    /// Labels only Helm sets: the chart version and the release manager. They say which tool
    /// applied the objects, not what the objects do, so the comparison leaves them out.
    /// </summary>
    private static readonly string[] HelmOnlyLabels = ["helm.sh/chart", "app.kubernetes.io/managed-by"];

    [Fact]
    public async Task Kustomize_default_renders_the_same_objects_as_the_chart_defaults()
    {
        var chart = await Renders.OperatorAsync();
        var kustomize = await Renders.KustomizeAsync("config/default");

        // Differences ignored on purpose:
        // - the Namespace object: kustomize creates gong-operator-system itself, while helm leaves
        //   it to `helm install --create-namespace` (a chart should not own its release namespace);
        // - the Helm-only labels above.
        // Everything else (names, namespaces, labels, selectors, args, RBAC rules, the CRD) must match.
        AssertSameObjects(chart, kustomize);
    }

    [Fact]
    public async Task The_default_credentials_policy_component_renders_what_the_chart_renders_with_a_namespace_selector()
    {
        var chart = await Renders.OperatorAsync("--set", "credentials.namespaceSelector=gongoperator.io/default-credentials=allowed");
        var kustomize = await Renders.KustomizeAsync(Path.Combine("tests", "GongOperator.Tests", "Packaging", "TenantPolicyOverlay"));

        AssertSameObjects(chart, kustomize);
    }

    [Fact]
    public async Task Kustomize_default_creates_its_namespace_under_the_restricted_pod_security_standard()
    {
        var kustomize = await Renders.KustomizeAsync("config/default");

        var ns = kustomize.Single("Namespace", Renders.OperatorNamespace);
        Assert.Equal("restricted", ns.StringAt("metadata", "labels", "pod-security.kubernetes.io/enforce"));
    }

    [Fact]
    public async Task Kustomize_samples_render_the_sample_origins()
    {
        var samples = await Renders.KustomizeAsync("config/samples");

        Assert.Equal(2, samples.Count(o => o.Kind == "GongIntegrationOrigin" && o.ApiVersion == "gongoperator.io/v1alpha1"));
    }

    [Fact]
    public async Task Kustomize_crd_renders_the_generated_crd()
    {
        var crd = Assert.Single(await Renders.KustomizeAsync("config/crd"));
        var generated = RenderedObject.ParseAll(await File.ReadAllTextAsync(
            Path.Combine(KubeTools.RepositoryRoot, "config", "crd", "gongoperator.io_gongintegrationorigins.yaml"),
            TestContext.Current.CancellationToken));

        Assert.Equal(Assert.Single(generated).Canonical(), crd.Canonical());
    }

    /// <summary>Every object but kustomize's own Namespace is the same in both renders.</summary>
    private static void AssertSameObjects(IReadOnlyList<RenderedObject> chart, IReadOnlyList<RenderedObject> kustomize)
    {
        var fromChart = chart.ToDictionary(o => o.Key, o => Normalize(o));
        var fromKustomize = kustomize
            .Where(o => !(o.Kind == "Namespace" && o.Name == Renders.OperatorNamespace))
            .ToDictionary(o => o.Key, o => Normalize(o));

        Assert.Equal(fromChart.Keys.Order(StringComparer.Ordinal), fromKustomize.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in fromChart)
        {
            Assert.True(text == fromKustomize[key], $"{key} differs.\nhelm:\n{text}\nkustomize:\n{fromKustomize[key]}");
        }
    }

    private static string Normalize(RenderedObject o)
    {
        if (o.At("metadata", "labels") is SortedDictionary<string, object?> labels)
        {
            foreach (var label in HelmOnlyLabels)
            {
                labels.Remove(label);
            }
        }

        return o.Canonical();
    }
}
