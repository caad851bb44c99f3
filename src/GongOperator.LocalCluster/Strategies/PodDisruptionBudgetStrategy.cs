using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Server;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>
/// PodDisruptionBudgets: no pods exist, so, as for Deployments, the budget is reported as met (one healthy pod,
/// none allowed to go): kstatus then counts it Current and <c>helm install --wait</c> of a chart with a PodDisruptionBudget returns.
/// </summary>
internal sealed class PodDisruptionBudgetStrategy : ResourceStrategy
{
    public override void SimulateControllers(JsonObject obj, JsonObject? old, string now)
    {
        var generation = SimulatedStatus.Generation(obj);
        var since = old?["status"]?["conditions"]?[0]?["lastTransitionTime"] is JsonValue t ? t.GetValue<string>() : now;
        obj["status"] = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["disruptionsAllowed"] = 0,
            ["currentHealthy"] = 1,
            ["desiredHealthy"] = 1,
            ["expectedPods"] = 1,
            ["conditions"] = new JsonArray
            {
                new JsonObject { ["type"] = "DisruptionAllowed", ["status"] = "False", ["observedGeneration"] = generation, ["lastTransitionTime"] = since, ["reason"] = "InsufficientPods", ["message"] = "" },
            },
        };
    }
}
