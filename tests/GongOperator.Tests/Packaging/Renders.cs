using GongOperator.Testing;

namespace GongOperator.Tests.Packaging;

/// <summary>Runs the real helm and kubectl (kustomize) over the repository's charts and config tree.</summary>
internal static class Renders
{
    /// <summary>The operator chart's folder.</summary>
    public static string OperatorChart => Path.Combine(KubeTools.RepositoryRoot, "charts", "gong-operator");

    /// <summary>The example tenant chart's folder.</summary>
    public static string TenantChart => Path.Combine(KubeTools.RepositoryRoot, "charts", "examples", "tenant");

    /// <summary>The namespace the README installs the operator into (and config/default uses).</summary>
    public const string OperatorNamespace = "gong-operator-system";

    /// <summary>The release name the README uses, which makes every object name plain "gong-operator".</summary>
    public const string OperatorRelease = "gong-operator";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>`helm template` that must succeed; returns the parsed objects (CRDs included).</summary>
    public static async Task<IReadOnlyList<RenderedObject>> HelmTemplateAsync(string chart, string release, string ns, params string[] extra)
    {
        var result = await HelmTemplateRawAsync(chart, release, ns, extra);
        Assert.True(result.ExitCode == 0, "helm template failed: " + result);
        return RenderedObject.ParseAll(result.Stdout);
    }

    /// <summary>The operator chart rendered as the README installs it, with extra helm flags.</summary>
    public static Task<IReadOnlyList<RenderedObject>> OperatorAsync(params string[] extra) =>
        HelmTemplateAsync(OperatorChart, OperatorRelease, OperatorNamespace, extra);

    /// <summary>`helm template --include-crds`, whatever its outcome.</summary>
    public static Task<ToolResult> HelmTemplateRawAsync(string chart, string release, string ns, params string[] extra) =>
        KubeTools.RunAsync(KubeTools.Helm, ["template", release, chart, "--namespace", ns, "--include-crds", .. extra], Bound);

    /// <summary>`helm lint --strict` of a chart with extra flags.</summary>
    public static Task<ToolResult> HelmLintAsync(string chart, params string[] extra) =>
        KubeTools.RunAsync(KubeTools.Helm, ["lint", "--strict", chart, .. extra], Bound);

    /// <summary>`kubectl kustomize DIR` (kustomize built into kubectl); must succeed.</summary>
    public static async Task<IReadOnlyList<RenderedObject>> KustomizeAsync(string relativeDirectory)
    {
        var result = await KubeTools.RunAsync(KubeTools.Kubectl, ["kustomize", Path.Combine(KubeTools.RepositoryRoot, relativeDirectory)], Bound);
        Assert.True(result.ExitCode == 0, "kubectl kustomize failed: " + result);
        return RenderedObject.ParseAll(result.Stdout);
    }

    /// <summary>The single object of a kind (and name, when given).</summary>
    public static RenderedObject Single(this IEnumerable<RenderedObject> objects, string kind, string? name = null, string? ns = null) =>
        Assert.Single(objects, o => o.Kind == kind && (name is null || o.Name == name) && (ns is null || o.Namespace == ns));

    /// <summary>The operator container's args.</summary>
    public static IReadOnlyList<string> OperatorArgs(this IEnumerable<RenderedObject> objects) =>
        objects.Single("Deployment").StringsAt("spec", "template", "spec", "containers", 0, "args");

    /// <summary>(kind, name) of every object, sorted, for set assertions.</summary>
    public static IReadOnlyList<string> Kinds(this IEnumerable<RenderedObject> objects) =>
        objects.Select(o => $"{o.Kind}/{o.Namespace ?? "-"}/{o.Name}").Order(StringComparer.Ordinal).ToList();
}
