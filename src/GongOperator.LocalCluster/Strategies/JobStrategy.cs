using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Server;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>
/// Jobs: the real server's spec defaults, and, as KWOK does, every pod succeeding at once: an unsuspended Job is
/// Complete on its first write (so <c>helm install --wait</c>, and <c>--wait-for-jobs</c>, return); a suspended one is Suspended.
/// </summary>
internal sealed class JobStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj, string now) => Default(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => Default(obj);

    public override void SimulateControllers(JsonObject obj, JsonObject? old, string now)
    {
        if (Json.Bool(obj["spec"]?["suspend"]))
        {
            obj["status"] = new JsonObject { ["conditions"] = new JsonArray(Condition(old, "Suspended", "JobSuspended", "Job suspended", now)) };
            return;
        }

        // A Job without completions is done when one pod succeeds (the work-queue pattern).
        var succeeded = Json.Number(obj["spec"]?["completions"]) ?? 1;
        const string Reached = "Reached expected number of succeeded pods";
        obj["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition(old, "SuccessCriteriaMet", "CompletionsReached", Reached, now),
                Condition(old, "Complete", "CompletionsReached", Reached, now)),
            ["startTime"] = SimulatedStatus.Kept(old, "startTime", now),
            ["completionTime"] = SimulatedStatus.Kept(old, "completionTime", now),
            ["succeeded"] = succeeded,
            ["terminating"] = 0,
            ["uncountedTerminatedPods"] = new JsonObject(),
            ["ready"] = 0,
        };
    }

    private static JsonObject Condition(JsonObject? old, string type, string reason, string message, string now)
    {
        var condition = SimulatedStatus.Condition(old, type, "True", reason, message, now);
        condition["lastProbeTime"] = condition["lastTransitionTime"]!.DeepClone();
        return condition;
    }

    private static void Default(JsonObject obj)
    {
        var spec = SimulatedStatus.Spec(obj);
        if (spec["parallelism"] is null && spec["completions"] is null)
        {
            spec["completions"] = 1;
        }

        spec["parallelism"] ??= 1;
        spec["backoffLimit"] ??= 6;
        spec["completionMode"] ??= "NonIndexed";
        spec["suspend"] ??= false;
    }
}
