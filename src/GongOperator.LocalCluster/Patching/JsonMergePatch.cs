using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Patching;

/// <summary>JSON Merge Patch (RFC 7386) over <see cref="JsonNode"/> trees.</summary>
internal static class JsonMergePatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="target"/> and returns a new tree.
    /// Neither input is mutated. A JSON null (C# null) in a patch object deletes the member;
    /// objects merge recursively; arrays and scalars replace.
    /// </summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            result.TryGetPropertyValue(name, out var existing);
            var merged = Apply(existing, value);
            result[name] = merged;
        }

        return result;
    }
}
