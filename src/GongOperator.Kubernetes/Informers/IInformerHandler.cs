namespace GongOperator.Kubernetes.Informers;

/// <summary>Receives an informer's changes, in order, after the cache has applied them. Keep handlers fast (enqueue a key).</summary>
public interface IInformerHandler<in T>
{
    /// <summary>An object appeared (also for every cached object when the handler is added late).</summary>
    void OnAdd(T obj);

    /// <summary>An object changed; on a resync or relist <paramref name="oldObject"/> may equal <paramref name="newObject"/>.</summary>
    void OnUpdate(T oldObject, T newObject);

    /// <summary>An object disappeared (deleted, or no longer matching the selector); the last state the cache knew.</summary>
    void OnDelete(T obj);
}
