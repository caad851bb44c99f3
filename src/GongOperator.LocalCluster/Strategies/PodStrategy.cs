using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Server;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>
/// Pods: nothing schedules or runs them, so, as KWOK does, each is reported started at once: a pod that restarts
/// Always (the default) is Running with every container ready; one with restartPolicy Never or OnFailure (a hook or
/// test pod) has Succeeded, every container terminated with exit code 0. kstatus, helm's <c>--wait</c> and
/// <c>helm test</c> read these.
/// </summary>
internal sealed class PodStrategy : ResourceStrategy
{
    public override void SimulateControllers(JsonObject obj, JsonObject? old, string now)
    {
        var runsOnce = Json.Text(obj["spec"]?["restartPolicy"]) is "Never" or "OnFailure";
        var started = SimulatedStatus.Kept(old, "startTime", now);
        var ready = runsOnce ? "False" : "True";
        var notReadyReason = runsOnce ? "PodCompleted" : "";
        var containers = (obj["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().Select(c => (JsonNode?)new JsonObject
        {
            ["name"] = c["name"]?.DeepClone(),
            ["image"] = c["image"]?.DeepClone(),
            ["imageID"] = "",
            ["ready"] = !runsOnce,
            ["started"] = !runsOnce,
            ["restartCount"] = 0,
            ["state"] = runsOnce
                ? new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["startedAt"] = started, ["finishedAt"] = started } }
                : new JsonObject { ["running"] = new JsonObject { ["startedAt"] = started } },
        });
        obj["status"] = new JsonObject
        {
            ["phase"] = runsOnce ? "Succeeded" : "Running",
            ["conditions"] = new JsonArray(
                Condition(old, "Initialized", "True", runsOnce ? "PodCompleted" : "", now),
                Condition(old, "Ready", ready, notReadyReason, now),
                Condition(old, "ContainersReady", ready, notReadyReason, now),
                Condition(old, "PodScheduled", "True", "", now)),
            ["startTime"] = started,
            ["containerStatuses"] = new JsonArray([.. containers]),
        };
    }

    // Pod conditions carry lastProbeTime (always null) and leave reason and message out when there is none.
    private static JsonObject Condition(JsonObject? old, string type, string status, string reason, string now)
    {
        var condition = SimulatedStatus.Condition(old, type, status, reason, "", now);
        condition.Remove("message");
        if (reason.Length == 0)
        {
            condition.Remove("reason");
        }

        condition["lastProbeTime"] = null;
        return condition;
    }
}
