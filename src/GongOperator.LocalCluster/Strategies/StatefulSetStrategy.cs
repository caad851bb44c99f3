using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>StatefulSets: the real server's spec defaults, and, as KWOK does, every replica reported ready and on the current revision at once.</summary>
internal sealed class StatefulSetStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj, string now) => Default(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => Default(obj);

    public override void SimulateControllers(JsonObject obj, JsonObject? old, string now)
    {
        var replicas = Server.Json.Number(obj["spec"]?["replicas"]) ?? 1;
        var revision = SimulatedStatus.Revision(obj);
        obj["status"] = new JsonObject
        {
            ["observedGeneration"] = SimulatedStatus.Generation(obj),
            ["replicas"] = replicas,
            ["readyReplicas"] = replicas,
            ["currentReplicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["availableReplicas"] = replicas,
            ["currentRevision"] = revision,
            ["updateRevision"] = revision,
            ["collisionCount"] = 0,
        };
    }

    private static void Default(JsonObject obj)
    {
        var spec = SimulatedStatus.Spec(obj);
        spec["replicas"] ??= 1;
        spec["podManagementPolicy"] ??= "OrderedReady";
        spec["updateStrategy"] ??= new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } };
        spec["revisionHistoryLimit"] ??= 10;
    }
}
