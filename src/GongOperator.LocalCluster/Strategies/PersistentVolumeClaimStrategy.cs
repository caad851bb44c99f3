using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>
/// PersistentVolumeClaims: volumeMode defaults to Filesystem, and the claim is reported Bound at once with the requested
/// size and access modes (kstatus counts a claim Current only when Bound). No volume exists behind it.
/// </summary>
internal sealed class PersistentVolumeClaimStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj, string now) => SimulatedStatus.Spec(obj)["volumeMode"] ??= "Filesystem";

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => SimulatedStatus.Spec(obj)["volumeMode"] ??= "Filesystem";

    public override void SimulateControllers(JsonObject obj, JsonObject? old, string now)
    {
        var status = new JsonObject { ["phase"] = "Bound" };
        if (obj["spec"]?["accessModes"] is JsonArray modes)
        {
            status["accessModes"] = modes.DeepClone();
        }

        if (obj["spec"]?["resources"]?["requests"]?["storage"] is { } storage)
        {
            status["capacity"] = new JsonObject { ["storage"] = storage.DeepClone() };
        }

        obj["status"] = status;
    }
}
