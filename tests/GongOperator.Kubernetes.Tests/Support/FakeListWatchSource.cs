using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Informers;
using k8s;
using k8s.Models;

namespace GongOperator.Kubernetes.Tests.Support;

/// <summary>
/// Test double: an in-memory list/watch source with a resourceVersion counter, an event history, and fault hooks
/// (drop every watch, stall every watch, compact the history so old resourceVersions get 410).
/// </summary>
public sealed class FakeListWatchSource<T> : IListWatchSource<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, T> _objects = [];
    private readonly List<(long Version, WatchEventType Type, T Object)> _history = [];
    private readonly List<Channel<(WatchEventType, T)>> _watches = [];
    private long _version = 100;
    private long _compactedBelow;
    private bool _stalled;

    public List<ListRequest> ListRequests { get; } = [];

    public List<WatchRequest> WatchRequests { get; } = [];

    public int ActiveWatches
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    public T Upsert(T obj)
    {
        lock (_gate)
        {
            var key = ObjectKey.From(obj);
            var stored = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));
            var exists = _objects.TryGetValue(key, out var old);
            stored.Metadata.ResourceVersion = (++_version).ToString(CultureInfo.InvariantCulture);
            stored.Metadata.Generation ??= old?.Metadata.Generation ?? 1;
            _objects[key] = stored;
            Publish(exists ? WatchEventType.Modified : WatchEventType.Added, stored);
            return stored;
        }
    }

    public void Delete(ObjectKey key)
    {
        lock (_gate)
        {
            if (_objects.Remove(key, out var old))
            {
                var copy = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(old));
                copy.Metadata.ResourceVersion = (++_version).ToString(CultureInfo.InvariantCulture);
                Publish(WatchEventType.Deleted, copy);
            }
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. _objects.Values];
        }
    }

    /// <summary>Ends every open watch with a transport error, as a dropped connection does.</summary>
    public void DropWatches()
    {
        lock (_gate)
        {
            foreach (var watch in _watches)
            {
                watch.Writer.TryComplete(new IOException("connection dropped (test)"));
            }

            _watches.Clear();
        }
    }

    /// <summary>While stalled, watches stay open but deliver nothing.</summary>
    public void Stall(bool stalled)
    {
        lock (_gate)
        {
            _stalled = stalled;
        }
    }

    /// <summary>Moves the resourceVersion on without a change and sends a BOOKMARK carrying it to every open watch.</summary>
    public string SendBookmark()
    {
        lock (_gate)
        {
            var version = (++_version).ToString(CultureInfo.InvariantCulture);
            var bookmark = Activator.CreateInstance<T>();
            bookmark.Metadata = new V1ObjectMeta { ResourceVersion = version };
            foreach (var watch in _watches)
            {
                watch.Writer.TryWrite((WatchEventType.Bookmark, bookmark));
            }

            return version;
        }
    }

    /// <summary>Forgets history so a watch from any earlier resourceVersion gets 410 Expired.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _compactedBelow = _version;
            _history.Clear();
        }
    }

    public Task<ListPage<T>> ListAsync(string? namespaceName, ListRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ListRequests.Add(request);
            var items = _objects.Values.Where(o => namespaceName is null || o.Metadata.NamespaceProperty == namespaceName).ToList();
            return Task.FromResult(new ListPage<T>(items, _version.ToString(CultureInfo.InvariantCulture), null));
        }
    }

    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string? namespaceName, WatchRequest request, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<(WatchEventType, T)>();
        lock (_gate)
        {
            WatchRequests.Add(request);
            var from = long.Parse(request.ResourceVersion, CultureInfo.InvariantCulture);
            if (from < _compactedBelow)
            {
                onError(new KubernetesException(new V1Status { Code = 410, Reason = "Expired", Message = "too old resource version" }));
                yield break;
            }

            foreach (var (version, type, obj) in _history)
            {
                if (version > from && (namespaceName is null || obj.Metadata.NamespaceProperty == namespaceName))
                {
                    channel.Writer.TryWrite((type, obj));
                }
            }

            _watches.Add(channel);
        }

        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (namespaceName is null || item.Item2.Metadata.NamespaceProperty == namespaceName)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _watches.Remove(channel);
            }
        }
    }

    private void Publish(WatchEventType type, T obj)
    {
        _history.Add((_version, type, obj));
        if (_stalled)
        {
            return;
        }

        foreach (var watch in _watches)
        {
            watch.Writer.TryWrite((type, obj));
        }
    }
}
