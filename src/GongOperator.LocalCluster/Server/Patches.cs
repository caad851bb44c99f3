using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Patching;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Server;

/// <summary>Seam to the patch implementations in <c>Patching/</c>, turning their failures into Status errors.</summary>
internal static class Patches
{
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject)
        {
            throw StatusException.BadRequest("json: cannot unmarshal " + (patch is JsonArray ? "array" : "value") + " into Go value of type map[string]interface {}");
        }

        return JsonMergePatch.Apply(target, patch);
    }

    public static JsonNode ApplyJsonPatch(JsonObject target, JsonNode? patch)
    {
        try
        {
            return JsonPatch.Apply(target, patch ?? throw StatusException.BadRequest("json: cannot unmarshal null into Go value of type jsonpatch.Patch"));
        }
        catch (PatchException e) when (e.IsMalformed)
        {
            throw StatusException.BadRequest(e.Message);
        }
        catch (PatchException)
        {
            throw new StatusException(422, "Invalid", JsonPatch.FailedOperationServerMessage, includeEmptyDetails: true);
        }
    }

    /// <summary>Strategic merge patch for built-in kinds.</summary>
    public static JsonNode? StrategicMerge(JsonObject target, JsonNode? patch, ResourceType type)
    {
        if (patch is not JsonObject patchObject)
        {
            throw StatusException.BadRequest("json: cannot unmarshal " + (patch is JsonArray ? "array" : "value") + " into Go value of type map[string]interface {}");
        }

        try
        {
            return StrategicMergePatch.Apply(target, patchObject, type.GroupVersion, type.Kind);
        }
        catch (PatchException e) when (e.IsMalformed)
        {
            throw StatusException.BadRequest(e.Message);
        }
        catch (PatchException e)
        {
            throw StatusException.Invalid(type, Json.Text(target["metadata"]?["name"]) ?? "", [new StatusCause("FieldValueInvalid", e.Message, null)]);
        }
    }
}
