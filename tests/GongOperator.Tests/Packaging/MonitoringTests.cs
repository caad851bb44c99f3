using System.Text.Json;
using System.Text.RegularExpressions;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using GongOperator.Tests.Cli;
using GongOperator.Tests.EndToEnd;
using k8s;
using k8s.Models;

namespace GongOperator.Tests.Packaging;

/// <summary>
/// The chart's example alerts (PrometheusRule) and Grafana dashboard: off by default, rendered when asked, and every
/// metric and label value they query is one the operator really serves.
/// </summary>
public sealed partial class MonitoringTests : IDisposable
{
    private static readonly string[] Enabled = ["--set", "metrics.prometheusRule.enabled=true", "--set", "metrics.grafanaDashboard.enabled=true"];

    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "gong-monitoring-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task Alerts_and_dashboard_are_off_by_default_and_render_when_enabled()
    {
        Assert.DoesNotContain(await Renders.OperatorAsync(), o => o.Kind is "PrometheusRule" or "ConfigMap");

        var objects = await Renders.OperatorAsync(Enabled);

        var rules = objects.Single("PrometheusRule", "gong-operator", Renders.OperatorNamespace).MappingsAt("spec", "groups", 0, "rules");
        Assert.Equal(
            ["GongApiErrors", "GongDailyQuotaLow", "GongOperatorDown", "GongOperatorNoLeader", "GongOperatorReconcileErrors", "GongOriginsStalled", "GongOriginsWaiting", "GongRateLimited"],
            rules.Select(r => (string)r["alert"]!).Order(StringComparer.Ordinal));
        Assert.All(rules, r =>
        {
            var annotations = (SortedDictionary<string, object?>)r["annotations"]!;
            Assert.False(string.IsNullOrWhiteSpace(annotations["summary"] as string));
            Assert.False(string.IsNullOrWhiteSpace(annotations["description"] as string));
            Assert.Contains((string)((SortedDictionary<string, object?>)r["labels"]!)["severity"]!, new[] { "critical", "warning", "info" });
            Assert.Contains("job=\"gong-operator-metrics\", namespace=\"gong-operator-system\"", (string)r["expr"]!, StringComparison.Ordinal);
        });
        var dashboard = objects.Single("ConfigMap", "gong-operator-dashboard", Renders.OperatorNamespace);
        Assert.Equal("1", dashboard.StringAt("metadata", "labels", "grafana_dashboard"));
        var file = await File.ReadAllTextAsync(Path.Combine(Renders.OperatorChart, "dashboards", "gong-operator.json"), TestContext.Current.CancellationToken);
        Assert.Equal(file.TrimEnd(), dashboard.StringAt("data", "gong-operator.json"));
    }

    [Fact]
    public async Task Without_leader_election_there_is_no_leader_alert_and_lint_is_clean_with_both_enabled()
    {
        var objects = await Renders.OperatorAsync([.. Enabled, "--set", "leaderElection.enabled=false"]);
        var lint = await Renders.HelmLintAsync(Renders.OperatorChart, Enabled);

        var alerts = objects.Single("PrometheusRule").MappingsAt("spec", "groups", 0, "rules").Select(r => (string)r["alert"]!);
        Assert.DoesNotContain("GongOperatorNoLeader", alerts);
        Assert.True(lint.ExitCode == 0, lint.ToString());
        var refused = await Renders.HelmTemplateRawAsync(Renders.OperatorChart, Renders.OperatorRelease, Renders.OperatorNamespace, "--set", "metrics.prometheusRule.treshold=5");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("treshold", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_metric_and_label_value_the_alerts_and_dashboard_query_is_served_by_the_operator()
    {
        var objects = await Renders.OperatorAsync(Enabled);
        var expressions = objects.Single("PrometheusRule").MappingsAt("spec", "groups", 0, "rules").Select(r => (string)r["expr"]!).ToList();
        using (var dashboard = JsonDocument.Parse(objects.Single("ConfigMap").StringAt("data", "gong-operator.json")!))
        {
            var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();
            Assert.NotEmpty(panels);
            expressions.AddRange(panels.SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!));
        }

        var served = await ServedMetricsAsync();

        var families = served.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet(StringComparer.Ordinal);
        var queried = expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).Distinct(StringComparer.Ordinal).ToList();
        Assert.Contains("gong_origins", queried);
        Assert.All(queried, name => Assert.Contains(HistogramSuffix().Replace(name, ""), families));

        // The label values the queries pin must be the ones the operator writes.
        Assert.Contains("controller_runtime_max_concurrent_reconciles{controller=\"gongintegrationorigin\"}", served, StringComparison.Ordinal);
        Assert.Contains("workqueue_depth{name=\"gongintegrationorigin\"}", served, StringComparison.Ordinal);
        Assert.Matches("gong_origins\\{reason=\"\\w+\",condition=\"(Ready|Waiting)\"\\}", served);
    }

    [Fact]
    public async Task Origins_are_selected_by_the_condition_their_reason_sets_not_by_a_list_of_reasons()
    {
        var objects = await Renders.OperatorAsync(Enabled);
        var alerts = objects.Single("PrometheusRule").MappingsAt("spec", "groups", 0, "rules").ToDictionary(r => (string)r["alert"]!, r => (string)r["expr"]!, StringComparer.Ordinal);
        using var dashboard = JsonDocument.Parse(objects.Single("ConfigMap").StringAt("data", "gong-operator.json")!);
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .ToDictionary(p => p.GetProperty("title").GetString()!, p => p.GetProperty("targets")[0].GetProperty("expr").GetString()!, StringComparer.Ordinal);

        // Every reason the table marks Stalled (or Waiting, or Ready) is counted under that condition by the metric
        // (OperatorMetricsTests), so these selections cannot miss a reason added later.
        Assert.Contains("condition=\"Stalled\"", alerts["GongOriginsStalled"], StringComparison.Ordinal);
        Assert.Contains("condition=\"Waiting\"", alerts["GongOriginsWaiting"], StringComparison.Ordinal);
        Assert.Contains("condition=\"Stalled\"", panels["Origins stalled"], StringComparison.Ordinal);
        Assert.Contains("condition=\"Waiting\"", panels["Origins waiting"], StringComparison.Ordinal);
        Assert.Contains("condition=\"Ready\"", panels["Origins Ready"], StringComparison.Ordinal);
        var expressions = alerts.Values.Concat(panels.Values).ToList();
        Assert.DoesNotContain(expressions, e => e.Contains("gong_origins", StringComparison.Ordinal) && e.Contains("reason=", StringComparison.Ordinal));
        Assert.All(
            expressions.SelectMany(e => PinnedCondition().Matches(e).Select(m => m.Groups[1].Value)),
            condition => Assert.Contains(condition, Enum.GetNames<OriginCondition>()));
    }

    /// <summary>
    /// The /metrics text of a laptop-mode operator (the same process and registry as in a pod) once it has queued an
    /// origin, so the work queue's series exist too.
    /// </summary>
    private async Task<string> ServedMetricsAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var local = RunningCommand.Start(["local", "--state-dir", _stateDir], new LineWriter());
        var ready = (await local.WaitForReadyAsync()).Split(' ').Skip(1).Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        using (var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(ready["kubeconfig"])))
        {
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(
                new GongIntegrationOrigin
                {
                    Metadata = new V1ObjectMeta { Name = "metrics-sample", NamespaceProperty = "default" },
                    Spec = new GongIntegrationOriginSpec { IntegrationType = IntegrationTypes.Dialer, AllowedOrigin = "https://metrics.partner.com" },
                },
                GongIntegrationOrigin.Group,
                GongIntegrationOrigin.Version,
                "default",
                GongIntegrationOrigin.Plural,
                cancellationToken: ct);
        }

        using var http = new HttpClient();
        var text = "";
        await Eventually.HoldsAsync(
            async () => (text = await http.GetStringAsync(new Uri(ready["metrics"]), ct)).Contains("workqueue_adds_total{", StringComparison.Ordinal),
            "the operator queued the origin");
        Assert.Equal(0, await local.StopAsync());
        return text;
    }

    [GeneratedRegex(@"\b(gong|controller_runtime|workqueue|leader_election|process)_[a-z_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex("condition=\"([^\"]*)\"")]
    private static partial Regex PinnedCondition();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
