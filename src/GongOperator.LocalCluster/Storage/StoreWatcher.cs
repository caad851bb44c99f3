using System.Threading.Channels;

namespace GongOperator.LocalCluster.Storage;

/// <summary>A subscription to the committed changes of one storage key.</summary>
internal sealed class StoreWatcher : IDisposable
{
    private readonly ObjectStore _store;
    private readonly Channel<StoreEvent> _channel = Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });

    public StoreWatcher(ObjectStore store, string storageKey)
    {
        _store = store;
        StorageKey = storageKey;
    }

    public string StorageKey { get; }

    public ChannelReader<StoreEvent> Reader => _channel.Reader;

    private readonly TaskCompletionSource _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when the server cut the stream abruptly (test hook DropWatches).</summary>
    public bool Dropped { get; private set; }

    /// <summary>Completes when the stream is cut, even while it is stalled with undelivered events.</summary>
    public Task DroppedTask => _dropped.Task;

    internal void Publish(StoreEvent e) => _channel.Writer.TryWrite(e);

    /// <summary>Ends the stream cleanly once the events already queued are delivered.</summary>
    internal void End() => _channel.Writer.TryComplete();

    internal void Drop()
    {
        Dropped = true;
        _channel.Writer.TryComplete();
        _dropped.TrySetResult();
    }

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _store.Unsubscribe(this);
    }
}
