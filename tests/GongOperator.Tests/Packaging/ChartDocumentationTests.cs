using GongOperator.Testing;

namespace GongOperator.Tests.Packaging;

/// <summary>The chart's README and NOTES keep up with its values and tell the next step.</summary>
public sealed class ChartDocumentationTests
{
    /// <summary>Values whose children are documented one by one; every other value is documented as a whole.</summary>
    private static readonly HashSet<string> Structured =
        ["image", "leaderElection", "scope", "kubeApi", "gong", "credentials", "metrics", "metrics.serviceMonitor", "metrics.prometheusRule", "metrics.grafanaDashboard", "health", "serviceAccount"];

    [Fact]
    public void Every_value_is_in_the_readme_values_table()
    {
        var values = RenderedObject.ParseMapping(File.ReadAllText(Path.Combine(Renders.OperatorChart, "values.yaml")));
        var readme = File.ReadAllText(Path.Combine(Renders.OperatorChart, "README.md"));

        var undocumented = Leaves(values, prefix: null).Where(path => !readme.Contains($"`{path}`", StringComparison.Ordinal)).ToList();

        Assert.True(undocumented.Count == 0, "charts/gong-operator/README.md does not document: " + string.Join(", ", undocumented));
    }

    [Fact]
    public async Task The_install_notes_tell_how_to_apply_a_sample_and_watch_it()
    {
        var result = await KubeTools.RunAsync(
            KubeTools.Helm,
            ["install", Renders.OperatorRelease, Renders.OperatorChart, "--namespace", Renders.OperatorNamespace, "--dry-run=client", "--set", "credentials.existingSecret=gong-credentials"],
            TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.ToString());
        var notes = result.Stdout[result.Stdout.IndexOf("NOTES:", StringComparison.Ordinal)..];
        Assert.Contains("Default Gong credentials: Secret gong-operator-system/gong-credentials.", notes, StringComparison.Ordinal);
        Assert.Contains("kubectl apply -f", notes, StringComparison.Ordinal);
        Assert.Contains("kubectl get gio --all-namespaces", notes, StringComparison.Ordinal);
        Assert.Contains("kubectl wait --for=condition=Ready gio/acme-dialer", notes, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Leaves(SortedDictionary<string, object?> map, string? prefix)
    {
        foreach (var (key, value) in map)
        {
            var path = prefix is null ? key : $"{prefix}.{key}";
            if (Structured.Contains(path) && value is SortedDictionary<string, object?> children)
            {
                foreach (var leaf in Leaves(children, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }
}
