using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Server;
using GongOperator.LocalCluster.Validation;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>
/// Namespaces: a DNS label name, the <c>kubernetes.io/metadata.name</c> label, the <c>kubernetes</c>
/// spec finalizer and phase Active; removing one removes its contents (<see cref="NamespaceLifecycle"/>).
/// </summary>
internal sealed class NamespaceStrategy : ResourceStrategy
{
    private readonly NamespaceLifecycle _lifecycle;

    public NamespaceStrategy(NamespaceLifecycle lifecycle) => _lifecycle = lifecycle;

    public override IReadOnlyList<string> NameErrors(string name, bool prefix) => NameRules.Label(name, prefix);

    public override void PrepareForCreate(JsonObject obj, string now) => SetDefaults(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => SetDefaults(obj);

    public override void OnDelete(JsonObject deleted) => _lifecycle.DeleteContents(Json.Text(deleted["metadata"]?["name"])!);

    private static void SetDefaults(JsonObject obj)
    {
        // Labels that are not a map are left for validation to refuse.
        var meta = obj["metadata"]!;
        if (meta["labels"] is JsonObject or null)
        {
            var labels = meta["labels"] as JsonObject ?? [];
            labels["kubernetes.io/metadata.name"] = Json.Text(meta["name"]) ?? "";
            meta["labels"] = labels;
        }

        if (obj["spec"] is not JsonObject)
        {
            obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
        }

        if (obj["status"] is not JsonObject s || s["phase"] is null)
        {
            obj["status"] = new JsonObject { ["phase"] = "Active" };
        }
    }
}
