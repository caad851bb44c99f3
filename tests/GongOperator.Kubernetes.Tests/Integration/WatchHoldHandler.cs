namespace GongOperator.Kubernetes.Tests.Integration;

/// <summary>
/// Test double between the client and the server: counts watch streams whose headers arrived (so the server has
/// registered them) and can hold new watch requests back until released.
/// </summary>
internal sealed class WatchHoldHandler : DelegatingHandler
{
    private volatile TaskCompletionSource _open = Opened();
    private int _opened;

    public int OpenedWatches => Volatile.Read(ref _opened);

    public void Hold() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _open.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isWatch = request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true;
        if (isWatch)
        {
            await _open.Task.WaitAsync(cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (isWatch)
        {
            Interlocked.Increment(ref _opened);
        }

        return response;
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
