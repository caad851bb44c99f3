using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s.Models;
using Prometheus;

namespace GongOperator.Tests.Reconciliation;

public sealed class OperatorMetricsTests
{
    [Fact]
    public async Task Every_reason_of_the_table_is_counted_under_the_condition_its_row_sets_and_pending_under_waiting()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new OperatorMetrics(registry);
        var origins = OriginReasons.Table.Select(r => Origin(r.Reason)).Append(Origin(null)).ToList();
        metrics.TrackOrigins(registry, () => origins);

        var text = await ScrapeAsync(registry);

        // Alerts select gong_origins{condition="Stalled"}: a reason added to the table is counted there without a change to them.
        foreach (var row in OriginReasons.Table)
        {
            Assert.Contains($"gong_origins{{reason=\"{row.Reason}\",condition=\"{row.Condition}\"}} 1", text, StringComparison.Ordinal);
        }

        Assert.Contains("gong_origins{reason=\"Pending\",condition=\"Waiting\"} 1", text, StringComparison.Ordinal);
    }

    private static GongIntegrationOrigin Origin(string? reason) => new()
    {
        Metadata = new V1ObjectMeta { Name = reason?.ToLowerInvariant() ?? "new", NamespaceProperty = "default" },
        Status = reason is null ? null : new GongIntegrationOriginStatus
        {
            Conditions = [new V1Condition { Type = ConditionTypes.Ready, Status = "False", Reason = reason, Message = "m", LastTransitionTime = DateTime.UnixEpoch }],
        },
    };

    private static async Task<string> ScrapeAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
