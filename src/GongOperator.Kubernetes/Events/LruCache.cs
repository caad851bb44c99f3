using System.Diagnostics.CodeAnalysis;

namespace GongOperator.Kubernetes.Events;

/// <summary>A small least-recently-used map with a fixed capacity, so the recorder's memory stays bounded. Not thread-safe.</summary>
internal sealed class LruCache<TValue>(int capacity)
    where TValue : class
{
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value)>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, TValue Value)> _order = new();

    public bool TryGet(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = null;
        return false;
    }

    public TValue GetOrAdd(string key, Func<TValue> create)
    {
        if (TryGet(key, out var value))
        {
            return value;
        }

        value = create();
        Set(key, value);
        return value;
    }

    public void Set(string key, TValue value)
    {
        if (_map.Remove(key, out var existing))
        {
            _order.Remove(existing);
        }

        _map[key] = _order.AddFirst((key, value));
        if (_map.Count > capacity)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _map.Remove(last.Value.Key);
        }
    }
}
