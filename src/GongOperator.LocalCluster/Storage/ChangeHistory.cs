using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Storage;

/// <summary>
/// The store's bounded history of committed changes, oldest first: what a watch from an older resourceVersion replays
/// and what a list at an older resourceVersion undoes. Not thread-safe: <see cref="ObjectStore"/> uses it under its
/// write lock.
/// </summary>
internal sealed class ChangeHistory(long compactedResourceVersion)
{
    private const int MaxHistory = 100_000;
    private readonly LinkedList<StoreEvent> _events = new();

    /// <summary>The oldest resourceVersion the history still reaches back to.</summary>
    public long CompactedResourceVersion { get; private set; } = compactedResourceVersion;

    /// <summary>Records a change; past <see cref="MaxHistory"/> the oldest quarter is forgotten.</summary>
    public void Add(StoreEvent change)
    {
        _events.AddLast(change);
        if (_events.Count > MaxHistory)
        {
            while (_events.Count > MaxHistory * 3 / 4)
            {
                CompactedResourceVersion = _events.First!.Value.ResourceVersion;
                _events.RemoveFirst();
            }
        }
    }

    /// <summary>The changes to <paramref name="storageKey"/> after <paramref name="resourceVersion"/>, oldest first.</summary>
    public IEnumerable<StoreEvent> Since(long resourceVersion, string storageKey) =>
        _events.Where(e => e.ResourceVersion > resourceVersion && e.StorageKey == storageKey);

    /// <summary>
    /// Turns <paramref name="current"/> (the objects of <paramref name="storageKey"/> now, under <paramref name="prefix"/>
    /// when set) into what they were at <paramref name="at"/>, undoing the later changes newest first.
    /// </summary>
    public void Undo(SortedDictionary<string, JsonObject> current, string storageKey, string? prefix, long at)
    {
        for (var node = _events.Last; node is not null && node.Value.ResourceVersion > at; node = node.Previous)
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
    }

    /// <summary>Forgets every change: a resourceVersion older than <paramref name="now"/> becomes too old.</summary>
    public void Clear(long now)
    {
        _events.Clear();
        CompactedResourceVersion = now;
    }

    private static string KeyOf(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        return ObjectStore.Key(metadata?["namespace"]?.GetValue<string>(), metadata?["name"]?.GetValue<string>() ?? "");
    }
}
