using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>ConfigMaps: data must be a map.</summary>
internal sealed class ConfigMapStrategy : ResourceStrategy
{
    public override IEnumerable<StatusCause> Validate(JsonObject obj)
    {
        if (obj["data"] is { } data && data is not JsonObject)
        {
            yield return new("FieldValueTypeInvalid", "Invalid value: must be a map of strings", "data");
        }
    }
}
