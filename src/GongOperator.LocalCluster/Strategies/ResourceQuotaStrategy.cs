using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>ResourceQuotas: the status the quota controller writes for an empty namespace: the hard limits, each used at "0" (nothing runs, so nothing is counted).</summary>
internal sealed class ResourceQuotaStrategy : ResourceStrategy
{
    public override void SimulateControllers(JsonObject obj, JsonObject? old, string now)
    {
        var hard = obj["spec"]?["hard"] as JsonObject ?? [];
        obj["status"] = new JsonObject
        {
            ["hard"] = hard.DeepClone(),
            ["used"] = new JsonObject(hard.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)"0"))),
        };
    }
}
