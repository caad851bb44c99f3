using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>DaemonSets: the real server's spec defaults, and, as KWOK does with one node, one pod reported scheduled, up to date and ready at once.</summary>
internal sealed class DaemonSetStrategy : ResourceStrategy
{
    // The simulated cluster has one node, so a DaemonSet wants exactly one pod.
    private const int Nodes = 1;

    public override void PrepareForCreate(JsonObject obj, string now) => Default(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => Default(obj);

    public override void SimulateControllers(JsonObject obj, JsonObject? old, string now) =>
        obj["status"] = new JsonObject
        {
            ["currentNumberScheduled"] = Nodes,
            ["numberMisscheduled"] = 0,
            ["desiredNumberScheduled"] = Nodes,
            ["numberReady"] = Nodes,
            ["observedGeneration"] = SimulatedStatus.Generation(obj),
            ["updatedNumberScheduled"] = Nodes,
            ["numberAvailable"] = Nodes,
        };

    private static void Default(JsonObject obj)
    {
        var spec = SimulatedStatus.Spec(obj);
        spec["updateStrategy"] ??= new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 } };
        spec["revisionHistoryLimit"] ??= 10;
    }
}
