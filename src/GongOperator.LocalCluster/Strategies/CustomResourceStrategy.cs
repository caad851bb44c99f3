using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Server;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>Custom resources: their CRD version's structural schema prunes, defaults (also on read) and validates them.</summary>
internal sealed class CustomResourceStrategy : ResourceStrategy
{
    private readonly ResourceType _type;

    public CustomResourceStrategy(ResourceType type) => _type = type;

    public override IReadOnlyList<string> DropUnknownFields(JsonObject obj) => CustomResourceSchemas.Prune(_type, obj);

    public override void PrepareForCreate(JsonObject obj, string now) => CustomResourceSchemas.ApplyDefaults(_type, obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => CustomResourceSchemas.ApplyDefaults(_type, obj);

    public override IEnumerable<StatusCause> Validate(JsonObject obj) => CustomResourceSchemas.Validate(_type, obj);

    public override JsonObject ForRead(JsonObject stored)
    {
        if (!CustomResourceSchemas.HasDefaults(_type))
        {
            return stored;
        }

        var copy = (JsonObject)stored.DeepClone();
        CustomResourceSchemas.ApplyDefaults(_type, copy);
        return copy;
    }
}
