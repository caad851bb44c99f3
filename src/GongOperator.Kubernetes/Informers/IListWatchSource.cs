using k8s;

namespace GongOperator.Kubernetes.Informers;

/// <summary>Lists and watches one kind; <see cref="ListWatchSources"/> builds it over KubernetesClient. Tests may supply their own.</summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IListWatchSource<T>
{
    /// <summary>One page of a list; <paramref name="namespaceName"/> null means all namespaces.</summary>
    Task<ListPage<T>> ListAsync(string? namespaceName, ListRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// A watch stream. Status objects in the stream (for example 410 Expired) are reported to <paramref name="onError"/>
    /// as <see cref="KubernetesException"/>; the stream ends when the server closes it.
    /// </summary>
    IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string? namespaceName, WatchRequest request, Action<Exception> onError, CancellationToken cancellationToken);
}
