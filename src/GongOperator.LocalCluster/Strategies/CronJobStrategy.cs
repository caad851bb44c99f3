using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>CronJobs: the real server's spec defaults. Nothing is ever scheduled, so the status stays as written (empty).</summary>
internal sealed class CronJobStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj, string now) => Default(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => Default(obj);

    private static void Default(JsonObject obj)
    {
        var spec = SimulatedStatus.Spec(obj);
        spec["concurrencyPolicy"] ??= "Allow";
        spec["suspend"] ??= false;
        spec["successfulJobsHistoryLimit"] ??= 3;
        spec["failedJobsHistoryLimit"] ??= 1;
    }
}
