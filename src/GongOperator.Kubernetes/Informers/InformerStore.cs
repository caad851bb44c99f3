using GongOperator.Kubernetes.Controllers;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace GongOperator.Kubernetes.Informers;

/// <summary>
/// An informer's cache and its handlers: every change goes into the cache first, then to every handler, under one lock,
/// so each handler sees the changes in the order the cache took them (client-go's indexer and shared processor, without
/// the queue between them). The list/watch loop that feeds it is <see cref="Informer{T}"/>'s.
/// </summary>
internal sealed class InformerStore<T>(string informer, bool keepManagedFields, ILogger logger)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _dispatch = new();
    private readonly List<IInformerHandler<T>> _handlers = [];

    /// <summary>The cache itself, for reads (it is safe to read without the dispatch lock).</summary>
    public ObjectCache<T> Cache { get; } = new();

    /// <summary>Adds a handler; objects already cached are replayed to it as adds.</summary>
    public void AddHandler(IInformerHandler<T> handler)
    {
        lock (_dispatch)
        {
            _handlers.Add(handler);
            foreach (var item in Cache.List())
            {
                Invoke(handler, h => h.OnAdd(item));
            }
        }
    }

    /// <summary>
    /// A full list of <paramref name="scope"/> (a namespace, or null for all): upserts every item, and deletes what the
    /// cache holds of that scope and the list no longer has.
    /// </summary>
    public void Replace(string? scope, List<T> items)
    {
        lock (_dispatch)
        {
            var seen = new HashSet<ObjectKey>();
            foreach (var item in items)
            {
                seen.Add(ObjectKey.From(item));
                var old = Cache.Upsert(Trim(item));
                Dispatch(old, item);
            }

            var gone = Cache.Keys(k => !seen.Contains(k) && (scope is null || string.Equals(k.Namespace, scope, StringComparison.Ordinal)));
            foreach (var key in gone)
            {
                if (Cache.Remove(key) is { } removed)
                {
                    DispatchDelete(removed);
                }
            }
        }
    }

    /// <summary>One watch event; a bookmark changes nothing here (the caller records its resourceVersion).</summary>
    public void Apply(WatchEventType type, T obj)
    {
        if (obj?.Metadata is null)
        {
            return;
        }

        lock (_dispatch)
        {
            switch (type)
            {
                case WatchEventType.Added:
                case WatchEventType.Modified:
                    Dispatch(Cache.Upsert(Trim(obj)), obj);
                    break;
                case WatchEventType.Deleted:
                    Cache.Remove(ObjectKey.From(obj));
                    DispatchDelete(obj);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Hands every cached object to every handler again as an update of itself (a periodic resync).</summary>
    public void Resync()
    {
        lock (_dispatch)
        {
            foreach (var item in Cache.List())
            {
                Dispatch(item, item);
            }
        }
    }

    /// <summary>Drops what the cache does not keep (<see cref="InformerOptions.KeepManagedFields"/>) before it is stored.</summary>
    private T Trim(T obj)
    {
        if (!keepManagedFields)
        {
            obj.Metadata.ManagedFields = null;
        }

        return obj;
    }

    private void Dispatch(T? old, T current)
    {
        foreach (var handler in _handlers)
        {
            if (old is null)
            {
                Invoke(handler, h => h.OnAdd(current));
            }
            else
            {
                Invoke(handler, h => h.OnUpdate(old, current));
            }
        }
    }

    private void DispatchDelete(T obj)
    {
        foreach (var handler in _handlers)
        {
            Invoke(handler, h => h.OnDelete(obj));
        }
    }

    private void Invoke(IInformerHandler<T> handler, Action<IInformerHandler<T>> call)
    {
        try
        {
            call(handler);
        }
        catch (Exception e)
        {
            // A catch-all on purpose: a faulty handler must not stop the informer for everyone else.
            Log.HandlerFailed(logger, informer, e);
        }
    }
}
