using System.Globalization;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Storage;

/// <summary>
/// All objects, keyed by storage key (group/plural) and then "namespace/name", with one global
/// resourceVersion counter and a bounded history of changes for watches and consistent lists.
/// Stored objects are never mutated: writers store fresh objects, readers clone before changing.
/// Callers hold <see cref="WriteLock"/> around a read-modify-write so each write sees the latest state.
/// </summary>
internal sealed class ObjectStore : IDisposable
{
    private const int MaxHistory = 100_000;
    private const int SnapshotEvery = 2_000;
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _data = new(StringComparer.Ordinal);
    private readonly LinkedList<StoreEvent> _history = new();
    private readonly List<StoreWatcher> _watchers = [];
    private readonly StatePersistence? _persistence;
    private long _resourceVersion;
    private long _compactedResourceVersion;

    public ObjectStore(StatePersistence? persistence)
    {
        _persistence = persistence;
        if (persistence is not null)
        {
            _resourceVersion = persistence.Load((storageKey, key, obj) =>
            {
                var bucket = Bucket(storageKey);
                if (obj is null)
                {
                    bucket.Remove(key);
                }
                else
                {
                    bucket[key] = obj;
                    HasOwnerReferences |= obj["metadata"]?["ownerReferences"] is JsonArray { Count: > 0 };
                }
            });
        }

        _compactedResourceVersion = _resourceVersion;
    }

    /// <summary>Held by every read-modify-write, so writes are serialized.</summary>
    public Lock WriteLock { get; } = new();

    public long CurrentResourceVersion
    {
        get
        {
            lock (WriteLock)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>True once any object with ownerReferences was stored, so deletes only look for dependents when there can be some.</summary>
    public bool HasOwnerReferences { get; private set; }

    /// <summary>Number of open watch subscriptions.</summary>
    public int WatcherCount
    {
        get
        {
            lock (WriteLock)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>The oldest resourceVersion a watch can still start from.</summary>
    public long CompactedResourceVersion
    {
        get
        {
            lock (WriteLock)
            {
                return _compactedResourceVersion;
            }
        }
    }

    public static string Key(string? ns, string name) => (ns ?? "") + "/" + name;

    public JsonObject? Get(string storageKey, string? ns, string name)
    {
        lock (WriteLock)
        {
            return _data.TryGetValue(storageKey, out var bucket) && bucket.TryGetValue(Key(ns, name), out var obj) ? obj : null;
        }
    }

    /// <summary>Every storage key's objects, for namespace deletion and CRD cleanup.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonObject>> All(string storageKey)
    {
        lock (WriteLock)
        {
            return _data.TryGetValue(storageKey, out var bucket) ? [.. bucket] : [];
        }
    }

    public IReadOnlyList<string> StorageKeys()
    {
        lock (WriteLock)
        {
            return [.. _data.Keys];
        }
    }

    /// <summary>The objects of one storage key (optionally one namespace), now or as of an older resourceVersion.</summary>
    /// <returns>null when <paramref name="atResourceVersion"/> is older than the kept history.</returns>
    public ListSnapshot? List(string storageKey, string? ns, long? atResourceVersion)
    {
        lock (WriteLock)
        {
            var prefix = ns is null ? null : ns + "/";
            var current = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            if (_data.TryGetValue(storageKey, out var bucket))
            {
                foreach (var (key, obj) in bucket)
                {
                    if (prefix is null || key.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        current[key] = obj;
                    }
                }
            }

            if (atResourceVersion is not { } at || at >= _resourceVersion)
            {
                return new ListSnapshot(_resourceVersion, [.. current]);
            }

            if (at < _compactedResourceVersion)
            {
                return null;
            }

            // Undo the changes made after `at`, newest first.
            for (var node = _history.Last; node is not null && node.Value.ResourceVersion > at; node = node.Previous)
            {
                var e = node.Value;
                if (e.StorageKey != storageKey)
                {
                    continue;
                }

                var key = KeyOf(e.Object);
                if (prefix is not null && !key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (e.OldObject is null)
                {
                    current.Remove(key);
                }
                else
                {
                    current[key] = e.OldObject;
                }
            }

            return new ListSnapshot(at, [.. current]);
        }
    }

    /// <summary>
    /// Commits a create/update (<paramref name="newObject"/> set) or delete (null) of <paramref name="key"/>.
    /// Stamps the new resourceVersion into the object, logs it, records history and wakes watchers.
    /// The caller must hold <see cref="WriteLock"/> and must not touch <paramref name="newObject"/> afterwards.
    /// </summary>
    /// <param name="storageKey">group/plural.</param>
    /// <param name="key">namespace/name.</param>
    /// <param name="newObject">The new state, or null to delete.</param>
    /// <param name="deletedState">For a delete, the object's final state (e.g. without its last finalizer); default: the stored one.</param>
    /// <returns>The object as stored (for a delete, the last state stamped with the deletion's resourceVersion).</returns>
    public JsonObject Commit(string storageKey, string key, JsonObject? newObject, JsonObject? deletedState = null)
    {
        var bucket = Bucket(storageKey);
        bucket.TryGetValue(key, out var old);
        var rv = _resourceVersion + 1;
        var rvText = rv.ToString(CultureInfo.InvariantCulture);
        JsonObject stored;
        string type;
        if (newObject is null)
        {
            if (old is null)
            {
                throw new InvalidOperationException("delete of a missing object " + key);
            }

            stored = deletedState ?? (JsonObject)old.DeepClone();
            ((JsonObject)stored["metadata"]!)["resourceVersion"] = rvText;
            type = "DELETED";
        }
        else
        {
            stored = newObject;
            ((JsonObject)stored["metadata"]!)["resourceVersion"] = rvText;
            type = old is null ? "ADDED" : "MODIFIED";
        }

        if (newObject?["metadata"]?["ownerReferences"] is JsonArray { Count: > 0 })
        {
            HasOwnerReferences = true;
        }

        _persistence?.Append(rv, storageKey, key, newObject is null ? null : stored);
        _resourceVersion = rv;
        if (newObject is null)
        {
            bucket.Remove(key);
        }
        else
        {
            bucket[key] = stored;
        }

        var e = new StoreEvent(rv, storageKey, type, stored, old);
        _history.AddLast(e);
        if (_history.Count > MaxHistory)
        {
            while (_history.Count > MaxHistory * 3 / 4)
            {
                _compactedResourceVersion = _history.First!.Value.ResourceVersion;
                _history.RemoveFirst();
            }
        }

        foreach (var watcher in _watchers)
        {
            if (watcher.StorageKey == storageKey)
            {
                watcher.Publish(e);
            }
        }

        if (_persistence is not null && _persistence.RecordsSinceSnapshot >= SnapshotEvery)
        {
            WriteSnapshotLocked();
        }

        return stored;
    }

    /// <summary>Subscribes to changes after <paramref name="fromResourceVersion"/>, replaying kept history first.</summary>
    /// <returns>null when that resourceVersion is older than the kept history (the caller answers 410).</returns>
    public StoreWatcher? Watch(string storageKey, long fromResourceVersion)
    {
        lock (WriteLock)
        {
            if (fromResourceVersion < _compactedResourceVersion)
            {
                return null;
            }

            var watcher = new StoreWatcher(this, storageKey);
            foreach (var e in _history)
            {
                if (e.ResourceVersion > fromResourceVersion && e.StorageKey == storageKey)
                {
                    watcher.Publish(e);
                }
            }

            _watchers.Add(watcher);
            return watcher;
        }
    }

    /// <summary>Lists the current objects and subscribes to later changes atomically.</summary>
    public (ListSnapshot Snapshot, StoreWatcher Watcher) ListAndWatch(string storageKey, string? ns)
    {
        lock (WriteLock)
        {
            var snapshot = List(storageKey, ns, null)!;
            var watcher = new StoreWatcher(this, storageKey);
            _watchers.Add(watcher);
            return (snapshot, watcher);
        }
    }

    internal void Unsubscribe(StoreWatcher watcher)
    {
        lock (WriteLock)
        {
            _watchers.Remove(watcher);
        }
    }

    /// <summary>The watches open on <paramref name="storageKey"/> right now.</summary>
    public IReadOnlyList<StoreWatcher> WatchersOf(string storageKey)
    {
        lock (WriteLock)
        {
            return [.. _watchers.Where(w => w.StorageKey == storageKey)];
        }
    }

    /// <summary>Ends every open watch abruptly.</summary>
    public void DropWatches()
    {
        lock (WriteLock)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Drop();
            }

            _watchers.Clear();
        }
    }

    /// <summary>Forgets history: every resourceVersion older than now becomes too old.</summary>
    public void CompactHistory()
    {
        lock (WriteLock)
        {
            _history.Clear();
            _compactedResourceVersion = _resourceVersion;
        }
    }

    /// <summary>Writes a snapshot now (on shutdown, so the next start replays nothing).</summary>
    public void Snapshot()
    {
        lock (WriteLock)
        {
            if (_persistence is not null && _persistence.RecordsSinceSnapshot > 0)
            {
                WriteSnapshotLocked();
            }
        }
    }

    public void Dispose()
    {
        DropWatches();
        Snapshot();
        _persistence?.Dispose();
    }

    private void WriteSnapshotLocked()
    {
        var items = new List<(string, string, JsonObject)>();
        foreach (var (storageKey, bucket) in _data)
        {
            foreach (var (key, obj) in bucket)
            {
                items.Add((storageKey, key, obj));
            }
        }

        _persistence!.WriteSnapshot(_resourceVersion, items);
    }

    private SortedDictionary<string, JsonObject> Bucket(string storageKey)
    {
        if (!_data.TryGetValue(storageKey, out var bucket))
        {
            bucket = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _data[storageKey] = bucket;
        }

        return bucket;
    }

    private static string KeyOf(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        return Key(metadata?["namespace"]?.GetValue<string>(), metadata?["name"]?.GetValue<string>() ?? "");
    }
}
