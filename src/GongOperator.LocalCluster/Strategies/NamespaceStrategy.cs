using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
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

    public override IEnumerable<StatusCause> ValidateName(string name) => NameRules.Label(name);

    public override void PrepareForCreate(JsonObject obj, string now) => SetDefaults(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => SetDefaults(obj);

    public override void OnDelete(JsonObject deleted) => _lifecycle.DeleteContents(Json.Text(deleted["metadata"]?["name"])!);

    private static void SetDefaults(JsonObject obj)
    {
        var name = Json.Text(obj["metadata"]?["name"]) ?? "";
        var labels = obj["metadata"]!["labels"] as JsonObject ?? [];
        labels["kubernetes.io/metadata.name"] = name;
        obj["metadata"]!["labels"] = labels;
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
