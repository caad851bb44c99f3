using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.Kubernetes.Informers;

/// <summary>A list/watch source over one of KubernetesClient's generated list methods (watch=true turns it into a stream).</summary>
internal sealed class DelegateListWatchSource<T, TList> : IListWatchSource<T>
    where TList : IItems<T>, IMetadata<V1ListMeta>
{
    private readonly Func<string?, ListCallArguments, CancellationToken, Task<HttpOperationResponse<TList>>> _call;

    public DelegateListWatchSource(Func<string?, ListCallArguments, CancellationToken, Task<HttpOperationResponse<TList>>> call)
        => _call = call;

    public async Task<ListPage<T>> ListAsync(string? namespaceName, ListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var response = await _call(
            namespaceName,
            new ListCallArguments(false, request.LabelSelector, request.ResourceVersion, request.Limit, request.Continue, null, null),
            cancellationToken).ConfigureAwait(false);
        var body = response.Body;
        var items = body.Items is null ? [] : body.Items.ToList();
        var cont = body.Metadata?.ContinueProperty;
        return new ListPage<T>(items, body.Metadata?.ResourceVersion ?? string.Empty, string.IsNullOrEmpty(cont) ? null : cont);
    }

    public IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(
        string? namespaceName, WatchRequest request, Action<Exception> onError, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = _call(
            namespaceName,
            new ListCallArguments(true, request.LabelSelector, request.ResourceVersion, null, null, request.TimeoutSeconds, true),
            cancellationToken);
        // The newer generated WatchList…Async methods yield untyped objects for custom resources; this one yields T.
#pragma warning disable CS0618
        return response.WatchAsync<T, TList>(onError, cancellationToken);
#pragma warning restore CS0618
    }
}
