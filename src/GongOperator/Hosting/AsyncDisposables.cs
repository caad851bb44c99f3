namespace GongOperator.Hosting;

/// <summary>Disposes what the operator started, newest first (servers before the client they use).</summary>
internal sealed class AsyncDisposables : IAsyncDisposable
{
    private readonly Stack<object> _items = new();

    public void Add(object item) => _items.Push(item);

    public async ValueTask DisposeAsync()
    {
        while (_items.TryPop(out var item))
        {
            switch (item)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
