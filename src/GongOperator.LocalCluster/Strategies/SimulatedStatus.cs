using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Server;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>Pieces the simulated controllers share: defaulted spec fields and conditions that keep their transition time.</summary>
internal static class SimulatedStatus
{
    /// <summary>The object's spec, created when missing.</summary>
    public static JsonObject Spec(JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        obj["spec"] = spec;
        return spec;
    }

    public static long Generation(JsonObject obj) => Json.Number(obj["metadata"]?["generation"]) ?? 1;

    /// <summary>
    /// A condition whose lastTransitionTime stays what it was while its status does not change, as controllers write
    /// them (so a rewrite of an unchanged object does not look like a transition).
    /// </summary>
    public static JsonObject Condition(JsonObject? old, string type, string status, string reason, string message, string now)
    {
        var previous = (old?["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => Json.Text(c?["type"]) == type);
        var since = previous is not null && Json.Text(previous["status"]) == status && Json.Text(previous["lastTransitionTime"]) is { } t ? t : now;
        return new JsonObject { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = since, ["reason"] = reason, ["message"] = message };
    }

    /// <summary>
    /// A revision name as the workload controllers derive one from the pod template (<c>NAME-HASH</c>): it changes
    /// when the template does, which is what kstatus compares (currentRevision against updateRevision).
    /// </summary>
    public static string Revision(JsonObject obj)
    {
        var template = obj["spec"]?["template"] ?? new JsonObject();
        var hash = SHA256.HashData(Json.Serialize(template));
        return (Json.Text(obj["metadata"]?["name"]) ?? "") + "-" + Convert.ToHexStringLower(hash.AsSpan(0, 5));
    }

    /// <summary>The value of an earlier simulated status field, so times set once (a Job's start) stay put.</summary>
    public static string Kept(JsonObject? old, string field, string now) => Json.Text(old?["status"]?[field]) ?? now;
}
