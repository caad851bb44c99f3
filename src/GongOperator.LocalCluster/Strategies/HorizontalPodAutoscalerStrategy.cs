using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Server;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>
/// HorizontalPodAutoscalers (autoscaling/v2): minReplicas defaults to 1, and the status is what the autoscaler writes
/// when the metrics keep the target at its minimum: able to scale, active, within range.
/// </summary>
internal sealed class HorizontalPodAutoscalerStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj, string now) => SimulatedStatus.Spec(obj)["minReplicas"] ??= 1;

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => SimulatedStatus.Spec(obj)["minReplicas"] ??= 1;

    public override void SimulateControllers(JsonObject obj, JsonObject? old, string now)
    {
        var replicas = Json.Number(obj["spec"]?["minReplicas"]) ?? 1;
        obj["status"] = new JsonObject
        {
            ["currentReplicas"] = replicas,
            ["desiredReplicas"] = replicas,
            ["conditions"] = new JsonArray(
                SimulatedStatus.Condition(old, "AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size", now),
                SimulatedStatus.Condition(old, "ScalingActive", "True", "ValidMetricFound", "the HPA was able to successfully calculate a replica count", now),
                SimulatedStatus.Condition(old, "ScalingLimited", "False", "DesiredWithinRange", "the desired count is within the acceptable range", now)),
        };
    }
}
