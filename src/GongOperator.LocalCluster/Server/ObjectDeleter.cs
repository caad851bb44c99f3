using System.Globalization;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Patching;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Storage;
using GongOperator.LocalCluster.Strategies;

namespace GongOperator.LocalCluster.Server;

/// <summary>delete and deletecollection: preconditions, finalizers (deletionTimestamp first), then removal with the kind's <see cref="IResourceStrategy.OnDelete"/> and garbage collection.</summary>
internal sealed class ObjectDeleter
{
    private readonly ObjectStore _store;
    private readonly ObjectReader _reader;
    private readonly ResourceStrategies _strategies;
    private readonly GarbageCollector _collector;
    private readonly TimeProvider _time;

    public ObjectDeleter(ObjectStore store, ObjectReader reader, ResourceStrategies strategies, GarbageCollector collector, TimeProvider time)
    {
        _store = store;
        _reader = reader;
        _strategies = strategies;
        _collector = collector;
        _time = time;
    }

    public WriteResult Delete(ResourceType type, string? ns, string name, JsonObject? deleteOptions, bool dryRun)
    {
        lock (_store.WriteLock)
        {
            var old = _store.Get(type.StorageKey, ns, name) ?? throw StatusException.NotFound(type, name);
            if (deleteOptions?["preconditions"] is JsonObject pre)
            {
                var uid = Json.Text(old["metadata"]?["uid"]);
                if (Json.Text(pre["uid"]) is { } wantUid && wantUid != uid)
                {
                    throw new StatusException(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": Precondition failed: UID in precondition: {wantUid}, UID in object meta: {uid}", name, type.Group, type.Plural);
                }

                var rv = Json.Text(old["metadata"]?["resourceVersion"]);
                if (Json.Text(pre["resourceVersion"]) is { } wantRv && wantRv != rv)
                {
                    throw new StatusException(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": Precondition failed: ResourceVersion in precondition: {wantRv}, ResourceVersion in object meta: {rv}", name, type.Group, type.Plural);
                }
            }

            var propagation = Json.Text(deleteOptions?["propagationPolicy"]) ?? (Json.Bool(deleteOptions?["orphanDependents"]) ? "Orphan" : "Background");
            return DeleteLocked(type, ns, name, old, dryRun, propagation);
        }
    }

    public JsonObject DeleteCollection(ResourceType type, string? ns, ListQuery query, bool dryRun)
    {
        lock (_store.WriteLock)
        {
            var listed = _reader.List(type, ns, query with { Limit = null, Continue = null, ResourceVersion = null, ResourceVersionMatch = null });
            var deleted = new JsonArray();
            foreach (var item in listed.Items)
            {
                var itemNs = Json.Text(item["metadata"]?["namespace"]);
                var itemName = Json.Text(item["metadata"]?["name"])!;
                var old = _store.Get(type.StorageKey, itemNs, itemName);
                if (old is null)
                {
                    continue;
                }

                var result = DeleteLocked(type, itemNs, itemName, old, dryRun, "Background");
                deleted.Add(Json.Text(result.Body["kind"]) == "Status" ? old.DeepClone() : result.Body.DeepClone());
            }

            return new JsonObject
            {
                ["kind"] = type.ListKind,
                ["apiVersion"] = type.GroupVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = _store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture) },
                ["items"] = deleted,
            };
        }
    }

    /// <summary>
    /// Removes an object that has no finalizers left (the caller holds the write lock): the kind's
    /// <see cref="IResourceStrategy.OnDelete"/> first, then the object, then its dependents.
    /// </summary>
    /// <param name="type">The object's resource.</param>
    /// <param name="ns">Its namespace (null when cluster-scoped).</param>
    /// <param name="name">Its name.</param>
    /// <param name="finalState">The object's last state, as the DELETED event carries it.</param>
    /// <param name="propagation">The delete's propagationPolicy, for its dependents.</param>
    /// <returns>The final state stamped with the deletion's resourceVersion.</returns>
    public JsonObject Remove(ResourceType type, string? ns, string name, JsonObject finalState, string propagation)
    {
        _strategies.For(type).OnDelete(finalState);
        var removed = _store.Commit(type.StorageKey, ObjectStore.Key(ns, name), null, finalState);
        _collector.CollectDependents(Json.Text(finalState["metadata"]?["uid"]), type.Namespaced ? ns : null, propagation);
        return removed;
    }

    private WriteResult DeleteLocked(ResourceType type, string? ns, string name, JsonObject old, bool dryRun, string propagation)
    {
        var oldMeta = (JsonObject)old["metadata"]!;
        if (oldMeta["finalizers"] is JsonArray { Count: > 0 })
        {
            if (oldMeta["deletionTimestamp"] is not null || dryRun)
            {
                return WriteResult.Ok(_reader.ForRead(type, old));
            }

            var marked = (JsonObject)old.DeepClone();
            var meta = Json.Metadata(marked);
            meta["deletionTimestamp"] = FieldManager.FormatTime(_time.GetUtcNow());
            meta["deletionGracePeriodSeconds"] = 0;
            if (type.HasGeneration)
            {
                meta["generation"] = (Json.Number(meta["generation"]) ?? 1) + 1;
            }

            var stored = _store.Commit(type.StorageKey, ObjectStore.Key(ns, name), marked);
            return WriteResult.Ok(_reader.ForRead(type, stored));
        }

        if (!dryRun)
        {
            Remove(type, ns, name, (JsonObject)old.DeepClone(), propagation);
        }

        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        details["uid"] = Json.Text(oldMeta["uid"]);
        return WriteResult.Ok(new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["details"] = details });
    }
}
