using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Patching;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Server;

/// <summary>managedFields bookkeeping and server-side apply through Patching/FieldManager, with its failures as Status errors.</summary>
internal static class FieldOwnership
{
    /// <summary>Attributes a non-apply write to <paramref name="manager"/>; returns the object to store.</summary>
    public static JsonObject RecordUpdate(ResourceType type, JsonObject obj, JsonObject? old, string manager, DateTimeOffset now, string? subresource) =>
        FieldManager.RecordUpdate(old, obj, manager, now, subresource, CustomResourceSchemas.ListMapKeys(type));

    /// <summary>Server-side apply; a conflict is the 409 with FieldManagerConflict causes.</summary>
    public static JsonObject Apply(ResourceType type, JsonObject? live, JsonObject applied, string manager, bool force, DateTimeOffset now)
    {
        try
        {
            return FieldManager.ServerSideApply(live, applied, manager, force, now, CustomResourceSchemas.ListMapKeys(type));
        }
        catch (ApplyConflictException e)
        {
            var name = Json.Text(applied["metadata"]?["name"]) ?? Json.Text(live?["metadata"]?["name"]);
            throw new StatusException(409, "Conflict", e.Message, name, type.Group, type.Plural, [.. e.Conflicts.Select(c => new StatusCause("FieldManagerConflict", c.Message, c.Field))]);
        }
        catch (PatchException e)
        {
            throw e.IsMalformed ? StatusException.BadRequest(e.Message) : StatusException.Invalid(type, Json.Text(applied["metadata"]?["name"]) ?? "", [new StatusCause("FieldValueInvalid", e.Message, null)]);
        }
    }
}
