using System.Threading.Channels;

namespace GongOperator.LocalCluster.Storage;

/// <summary>A subscription to the committed changes of one storage key.</summary>
internal sealed class StoreWatcher : IDisposable
{
    private readonly ObjectStore store;
    private readonly Channel<StoreEvent> channel = Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });

    public StoreWatcher(ObjectStore store, string storageKey)
    {
        this.store = store;
        StorageKey = storageKey;
    }

    public string StorageKey { get; }

    public ChannelReader<StoreEvent> Reader => channel.Reader;

    private readonly TaskCompletionSource dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when the server cut the stream abruptly (test hook DropWatches).</summary>
    public bool Dropped { get; private set; }

    /// <summary>Completes when the stream is cut, even while it is stalled with undelivered events.</summary>
    public Task DroppedTask => dropped.Task;

    internal void Publish(StoreEvent e) => channel.Writer.TryWrite(e);

    internal void Drop()
    {
        Dropped = true;
        channel.Writer.TryComplete();
        dropped.TrySetResult();
    }

    public void Dispose()
    {
        channel.Writer.TryComplete();
        store.Unsubscribe(this);
    }
}
