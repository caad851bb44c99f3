using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Server;
using GongOperator.LocalCluster.Validation;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>Services: DNS-1035 label names, type ClusterIP by default, a clusterIP assigned once (kept on update), sessionAffinity None, an empty load balancer status.</summary>
internal sealed class ServiceStrategy : ResourceStrategy
{
    /// <summary>A Service name becomes a DNS name in the cluster, so it must be a DNS-1035 label (starting with a letter).</summary>
    public override IReadOnlyList<string> NameErrors(string name, bool prefix) => NameRules.Dns1035Label(name, prefix);

    public override void PrepareForCreate(JsonObject obj, string now) => SetDefaults(obj, null);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => SetDefaults(obj, old);

    private static void SetDefaults(JsonObject obj, JsonObject? old)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        obj["spec"] = spec;
        spec["type"] ??= "ClusterIP";
        if (spec["clusterIP"] is null && Json.Text(spec["type"]) != "ExternalName")
        {
            var previous = old?["spec"]?["clusterIP"];
            spec["clusterIP"] = previous?.DeepClone() ?? ("10.96." + Random.Shared.Next(1, 255) + "." + Random.Shared.Next(1, 255));
            spec["clusterIPs"] = new JsonArray(spec["clusterIP"]!.DeepClone());
        }

        spec["sessionAffinity"] ??= "None";
        obj["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
    }
}
