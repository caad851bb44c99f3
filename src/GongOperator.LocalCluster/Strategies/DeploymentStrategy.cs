using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Server;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>Deployments: spec.replicas defaults to 1, and, as KWOK does, every replica is reported up to date, ready and available at once.</summary>
internal sealed class DeploymentStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj, string now) => DefaultReplicas(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => DefaultReplicas(obj);

    public override void SimulateControllers(JsonObject obj, JsonObject? old, string now)
    {
        var replicas = Json.Number(obj["spec"]?["replicas"]) ?? 1;
        var generation = SimulatedStatus.Generation(obj);
        var oldConditions = old?["status"]?["conditions"] as JsonArray;
        string Since(string type) =>
            oldConditions?.FirstOrDefault(c => Json.Text(c?["type"]) == type)?["lastTransitionTime"] is JsonValue t ? t.GetValue<string>() : now;
        var name = Json.Text(obj["metadata"]?["name"]) ?? "";
        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["replicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["readyReplicas"] = replicas,
            ["availableReplicas"] = replicas,
            ["conditions"] = new JsonArray
            {
                new JsonObject { ["type"] = "Available", ["status"] = "True", ["lastUpdateTime"] = Since("Available"), ["lastTransitionTime"] = Since("Available"), ["reason"] = "MinimumReplicasAvailable", ["message"] = "Deployment has minimum availability." },
                new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["lastUpdateTime"] = Since("Progressing"), ["lastTransitionTime"] = Since("Progressing"), ["reason"] = "NewReplicaSetAvailable", ["message"] = $"ReplicaSet \"{name}\" has successfully progressed." },
            },
        };
        if (replicas == 0)
        {
            status.Remove("readyReplicas");
            status.Remove("availableReplicas");
        }

        obj["status"] = status;
    }

    private static void DefaultReplicas(JsonObject obj) => SimulatedStatus.Spec(obj)["replicas"] ??= 1;
}
