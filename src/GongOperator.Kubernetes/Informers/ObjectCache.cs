using GongOperator.Kubernetes.Controllers;
using k8s;
using k8s.Models;

namespace GongOperator.Kubernetes.Informers;

/// <summary>The informer's store: objects by namespace/name plus named secondary indexes. Thread-safe.</summary>
internal sealed class ObjectCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<ObjectKey>>> _indices = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public void AddIndexer(string name, Func<T, IEnumerable<string>> indexer)
    {
        lock (_gate)
        {
            if (!_indexers.TryAdd(name, indexer))
            {
                throw new InvalidOperationException($"An index named '{name}' already exists.");
            }

            var index = new Dictionary<string, HashSet<ObjectKey>>(StringComparer.Ordinal);
            _indices[name] = index;
            foreach (var (key, item) in _items)
            {
                foreach (var value in indexer(item))
                {
                    AddToIndex(index, value, key);
                }
            }
        }
    }

    /// <summary>Stores the object; returns the previous version, if any.</summary>
    public T? Upsert(T obj)
    {
        var key = ObjectKey.From(obj);
        lock (_gate)
        {
            _items.TryGetValue(key, out var old);
            if (old is not null)
            {
                Unindex(key, old);
            }

            _items[key] = obj;
            Index(key, obj);
            return old;
        }
    }

    /// <summary>Removes the object with this key; returns what was stored.</summary>
    public T? Remove(ObjectKey key)
    {
        lock (_gate)
        {
            if (!_items.Remove(key, out var old))
            {
                return null;
            }

            Unindex(key, old);
            return old;
        }
    }

    public T? Get(ObjectKey key)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<T> List(Func<T, bool>? filter = null)
    {
        lock (_gate)
        {
            return filter is null ? [.. _items.Values] : [.. _items.Values.Where(filter)];
        }
    }

    public IReadOnlyList<ObjectKey> Keys(Func<ObjectKey, bool> filter)
    {
        lock (_gate)
        {
            return [.. _items.Keys.Where(filter)];
        }
    }

    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_gate)
        {
            if (!_indices.TryGetValue(indexName, out var index))
            {
                throw new InvalidOperationException($"No index named '{indexName}'. Add it with AddIndex before use.");
            }

            return index.TryGetValue(value, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    /// <summary>Distinct index values currently held (for tests of memory hygiene).</summary>
    public int IndexValueCount(string indexName)
    {
        lock (_gate)
        {
            return _indices.TryGetValue(indexName, out var index) ? index.Count : 0;
        }
    }

    private static void AddToIndex(Dictionary<string, HashSet<ObjectKey>> index, string value, ObjectKey key)
    {
        if (!index.TryGetValue(value, out var set))
        {
            set = [];
            index[value] = set;
        }

        set.Add(key);
    }

    private void Index(ObjectKey key, T obj)
    {
        foreach (var (name, indexer) in _indexers)
        {
            var index = _indices[name];
            foreach (var value in indexer(obj))
            {
                AddToIndex(index, value, key);
            }
        }
    }

    private void Unindex(ObjectKey key, T obj)
    {
        foreach (var (name, indexer) in _indexers)
        {
            var index = _indices[name];
            foreach (var value in indexer(obj))
            {
                // Drop emptied buckets so the index does not grow with every value ever seen.
                if (index.TryGetValue(value, out var set) && set.Remove(key) && set.Count == 0)
                {
                    index.Remove(value);
                }
            }
        }
    }
}
