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
    private const int SnapshotEvery = 2_000;
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _data = new(StringComparer.Ordinal);
    private readonly ChangeHistory _history;
    private readonly List<StoreWatcher> _watchers = [];
    private readonly StatePersistence? _persistence;
    private long _resourceVersion;
    private Task? _snapshotWrite;

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

        _history = new ChangeHistory(_resourceVersion);
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
                return _history.CompactedResourceVersion;
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

            if (at < _history.CompactedResourceVersion)
            {
                return null;
            }

            _history.Undo(current, storageKey, prefix, at);
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
        _history.Add(e);

        foreach (var watcher in _watchers)
        {
            if (watcher.StorageKey == storageKey)
            {
                watcher.Publish(e);
            }
        }

        if (_persistence is not null && _persistence.RecordsSinceSnapshot >= SnapshotEvery && BeginSnapshotLocked() is { } snapshot)
        {
            // Written off the lock, so writes go on meanwhile (into a new log).
            _snapshotWrite = Task.Run(snapshot);
        }

        return stored;
    }

    /// <summary>Subscribes to changes after <paramref name="fromResourceVersion"/>, replaying kept history first.</summary>
    /// <returns>null when that resourceVersion is older than the kept history (the caller answers 410).</returns>
    public StoreWatcher? Watch(string storageKey, long fromResourceVersion)
    {
        lock (WriteLock)
        {
            if (fromResourceVersion < _history.CompactedResourceVersion)
            {
                return null;
            }

            var watcher = new StoreWatcher(this, storageKey);
            foreach (var e in _history.Since(fromResourceVersion, storageKey))
            {
                watcher.Publish(e);
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
            _history.Clear(_resourceVersion);
        }
    }

    /// <summary>
    /// Returns once every write committed so far is on disk: called before a write is acknowledged, outside
    /// <see cref="WriteLock"/>, so that the writes of concurrent requests share one fsync (group commit).
    /// </summary>
    public void MakeDurable() => _persistence?.FlushToDisk(Interlocked.Read(ref _resourceVersion));

    /// <summary>Writes a snapshot now (on shutdown, so the next start replays nothing).</summary>
    public void Snapshot()
    {
        WaitForSnapshotWrite();
        Action? snapshot;
        lock (WriteLock)
        {
            snapshot = _persistence is not null && _persistence.RecordsSinceSnapshot > 0 ? BeginSnapshotLocked() : null;
        }

        snapshot?.Invoke();
    }

    public void Dispose()
    {
        DropWatches();
        Snapshot();
        _persistence?.Dispose();
    }

    /// <summary>
    /// Moves the log aside and takes the objects as they are (under <see cref="WriteLock"/>: a list of references, no
    /// copying, as stored objects are never mutated); the returned action writes them. Null while one is being written.
    /// </summary>
    private Action? BeginSnapshotLocked()
    {
        if (!_persistence!.RotateLog())
        {
            return null;
        }

        var rv = _resourceVersion;
        var items = new List<(string, string, JsonObject)>();
        foreach (var (storageKey, bucket) in _data)
        {
            foreach (var (key, obj) in bucket)
            {
                items.Add((storageKey, key, obj));
            }
        }

        var persistence = _persistence;
        return () =>
        {
            try
            {
                persistence.WriteSnapshot(rv, items);
            }
            catch (IOException)
            {
                // Nothing is lost: the old log stays beside the new one, and the next snapshot takes both in.
            }
        };
    }

    /// <summary>Waits for a snapshot being written off the lock (shutdown, tests).</summary>
    internal void WaitForSnapshotWrite() => _snapshotWrite?.GetAwaiter().GetResult();

    private SortedDictionary<string, JsonObject> Bucket(string storageKey)
    {
        if (!_data.TryGetValue(storageKey, out var bucket))
        {
            bucket = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _data[storageKey] = bucket;
        }

        return bucket;
    }
}
