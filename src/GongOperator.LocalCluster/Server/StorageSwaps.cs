using System.Collections.Immutable;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Storage;

namespace GongOperator.LocalCluster.Server;

/// <summary>
/// The storage swap kube-apiserver does when a CRD's spec changes. There, requests that still hold the
/// old storage once it starts draining (a second after the change; e.g. a create delayed by the real
/// server's two-second wait after a CRD is established) get 503 "apiserver is shutting down" with
/// <c>Retry-After: 1</c>, and the watches on the old storage end once it is drained. Here the moment is
/// made brief and predictable: every request but a watch is refused for a configured window after the
/// change, and the watches open at the change end cleanly when the window closes.
/// </summary>
internal sealed class StorageSwaps : IDisposable
{
    private readonly ObjectStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, DateTimeOffset> _until = ImmutableDictionary<string, DateTimeOffset>.Empty.WithComparers(StringComparer.Ordinal);
    private ImmutableList<ITimer> _timers = [];

    public StorageSwaps(ObjectStore store, TimeProvider time, TimeSpan window)
    {
        _store = store;
        _time = time;
        _window = window;
    }

    /// <summary>Starts the window for the CRD <paramref name="crdName"/> (plural.group), whose objects live under <paramref name="storageKey"/>.</summary>
    public void Begin(string crdName, string storageKey)
    {
        if (_window <= TimeSpan.Zero)
        {
            return;
        }

        var watchers = _store.WatchersOf(storageKey);
        lock (_gate)
        {
            _until = _until.SetItem(crdName, _time.GetUtcNow() + _window);
            ITimer? timer = null;
            timer = _time.CreateTimer(
                _ =>
                {
                    foreach (var watcher in watchers)
                    {
                        watcher.End();
                    }

                    lock (_gate)
                    {
                        _timers = _timers.Remove(timer!);
                    }

                    timer!.Dispose();
                },
                null,
                _window,
                Timeout.InfiniteTimeSpan);
            _timers = _timers.Add(timer);
        }
    }

    /// <summary>True while requests for <paramref name="type"/> are answered 503.</summary>
    public bool Refuses(ResourceType type) =>
        type.IsCustom && _until.TryGetValue(type.QualifiedPlural, out var until) && _time.GetUtcNow() < until;

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers = [];
        }
    }
}
