using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Patching;
using GongOperator.LocalCluster.Storage;

namespace GongOperator.LocalCluster.Server;

/// <summary>
/// A minimal garbage collector: once an owner is gone, dependents whose only owner it was are
/// deleted (marked for deletion when they have finalizers), recursively; with Orphan, or when
/// other owners remain, only the ownerReference is removed. Foreground behaves as Background.
/// </summary>
internal sealed class GarbageCollector
{
    private readonly ObjectStore _store;
    private readonly TimeProvider _time;

    public GarbageCollector(ObjectStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>Runs after the owner with <paramref name="ownerUid"/> was removed (the caller holds the write lock).</summary>
    /// <param name="ownerUid">The removed owner's uid.</param>
    /// <param name="ownerNamespace">The owner's namespace; null for a cluster-scoped owner (dependents anywhere).</param>
    /// <param name="propagation">The delete's propagationPolicy: Orphan keeps the dependents.</param>
    public void CollectDependents(string? ownerUid, string? ownerNamespace, string propagation)
    {
        if (ownerUid is null || !_store.HasOwnerReferences)
        {
            return;
        }

        foreach (var storageKey in _store.StorageKeys())
        {
            foreach (var (key, obj) in _store.All(storageKey))
            {
                if (obj["metadata"] is not JsonObject meta || meta["ownerReferences"] is not JsonArray refs || !refs.Any(r => Json.Text(r?["uid"]) == ownerUid))
                {
                    continue;
                }

                if (ownerNamespace is not null && !key.StartsWith(ownerNamespace + "/", StringComparison.Ordinal))
                {
                    continue;
                }

                var remaining = refs.Where(r => Json.Text(r?["uid"]) != ownerUid).Select(r => r!.DeepClone()).ToList();
                if (propagation == "Orphan" || remaining.Count > 0)
                {
                    var kept = (JsonObject)obj.DeepClone();
                    var keptMeta = Json.Metadata(kept);
                    if (remaining.Count > 0)
                    {
                        keptMeta["ownerReferences"] = new JsonArray([.. remaining]);
                    }
                    else
                    {
                        keptMeta.Remove("ownerReferences");
                    }

                    _store.Commit(storageKey, key, kept);
                }
                else if (meta["finalizers"] is JsonArray { Count: > 0 })
                {
                    if (meta["deletionTimestamp"] is null)
                    {
                        var marked = (JsonObject)obj.DeepClone();
                        Json.Metadata(marked)["deletionTimestamp"] = FieldManager.FormatTime(_time.GetUtcNow());
                        Json.Metadata(marked)["deletionGracePeriodSeconds"] = 0;
                        _store.Commit(storageKey, key, marked);
                    }
                }
                else
                {
                    _store.Commit(storageKey, key, null);
                    var dependentNs = key[..key.IndexOf('/', StringComparison.Ordinal)];
                    CollectDependents(Json.Text(meta["uid"]), dependentNs.Length == 0 ? null : dependentNs, "Background");
                }
            }
        }
    }
}
