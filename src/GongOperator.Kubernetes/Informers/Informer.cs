using System.Net;
using GongOperator.Kubernetes.Controllers;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongOperator.Kubernetes.Informers;

/// <summary>
/// Keeps an in-memory cache of one kind current, as client-go's shared informer does: list (resourceVersion=0), then
/// watch from the list's resourceVersion with bookmarks and a random 5–10 min timeout; re-watch from the last
/// resourceVersion seen after a close or a dropped stream (with back-off); restart a stream that goes silent past its
/// timeout plus a grace; relist on 410 Gone. Handlers see every change after the cache has it.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class Informer<T> : IInformer, IObjectReader<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IListWatchSource<T> _source;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ObjectCache<T> _cache = new();
    private readonly Lock _dispatch = new();
    private readonly List<IInformerHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _syncedScopes;
    private int _started;
    private long _watchStarts;
    private long _lists;
    private long _stalls;
    private volatile string _lastResourceVersion = string.Empty;

    public Informer(IListWatchSource<T> source, InformerOptions? options = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _options = options ?? new InformerOptions();
        if (new InformerOptionsValidator().Validate(null, _options) is { Failed: true } invalid)
        {
            throw new ArgumentException(invalid.FailureMessage, nameof(options));
        }

        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        Name = _options.Name ?? typeof(T).Name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>Objects in the cache.</summary>
    public int Count => _cache.Count;

    /// <summary>Watch requests started so far (first watch included).</summary>
    public long WatchStarts => Interlocked.Read(ref _watchStarts);

    /// <summary>Full lists done so far (initial list included): a count above the scope count means relists after 410.</summary>
    public long Lists => Interlocked.Read(ref _lists);

    /// <summary>Watches abandoned as stalled (silent past timeout plus grace).</summary>
    public long StalledWatches => Interlocked.Read(ref _stalls);

    /// <summary>The resourceVersion most recently seen by any scope (list, event or bookmark); empty before the first list.</summary>
    public string LastSyncResourceVersion => _lastResourceVersion;

    /// <summary>Adds a named secondary index (for example "by-secret" → "namespace/secretName"); allowed at any time.</summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> indexer)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(indexer);
        _cache.AddIndexer(name, indexer);
    }

    /// <summary>Adds a handler; objects already cached are replayed to it as adds.</summary>
    public void AddEventHandler(IInformerHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatch)
        {
            _handlers.Add(handler);
            foreach (var item in _cache.List())
            {
                Invoke(handler, h => h.OnAdd(item));
            }
        }
    }

    /// <summary>Adds a handler from delegates; see <see cref="AddEventHandler(IInformerHandler{T})"/>.</summary>
    public void AddEventHandler(Action<T>? onAdd, Action<T, T>? onUpdate, Action<T>? onDelete)
        => AddEventHandler(new InformerHandler<T>(onAdd, onUpdate, onDelete));

    /// <summary>The cached object with this key, or null.</summary>
    public T? Get(ObjectKey key) => _cache.Get(key);

    /// <summary>All cached objects.</summary>
    public IReadOnlyList<T> List() => _cache.List();

    /// <summary>Cached objects in one namespace.</summary>
    public IReadOnlyList<T> List(string namespaceName)
        => _cache.List(o => string.Equals(o.Metadata.NamespaceProperty ?? string.Empty, namespaceName, StringComparison.Ordinal));

    /// <summary>Cached objects whose index <paramref name="indexName"/> holds <paramref name="value"/>.</summary>
    public IReadOnlyList<T> ByIndex(string indexName, string value) => _cache.ByIndex(indexName, value);

    internal int IndexValueCount(string indexName) => _cache.IndexValueCount(indexName);

    /// <inheritdoc />
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"Informer {Name} is already running.");
        }

        IReadOnlyList<string?> scopes = _options.Namespaces.Count == 0 ? [null] : [.. _options.Namespaces];
        var tasks = scopes.Select(scope => Task.Run(() => RunScopeAsync(scope, scopes.Count, cancellationToken), CancellationToken.None)).ToList();
        if (_options.ResyncPeriod is { } period && period > TimeSpan.Zero)
        {
            tasks.Add(Task.Run(() => ResyncLoopAsync(period, cancellationToken), CancellationToken.None));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task RunScopeAsync(string? scope, int scopeCount, CancellationToken cancellationToken)
    {
        var position = new WatchPosition();
        var needList = true;
        var firstList = true;
        var backoff = _options.InitialBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    // First list may be served from the watch cache ("0"); after a 410 ask for the latest ("").
                    position.ResourceVersion = await ListIntoCacheAsync(scope, firstList ? "0" : string.Empty, cancellationToken).ConfigureAwait(false);
                    _lastResourceVersion = position.ResourceVersion;
                    needList = false;
                    if (firstList)
                    {
                        firstList = false;
                        if (Interlocked.Increment(ref _syncedScopes) == scopeCount)
                        {
                            _synced.TrySetResult();
                            Log.InformerSynced(_logger, Name, _cache.Count);
                        }
                    }
                }

                var end = await WatchOnceAsync(scope, position, cancellationToken).ConfigureAwait(false);
                switch (end)
                {
                    case WatchEnd.Gone:
                        Log.WatchExpired(_logger, Name, scope ?? "*", position.ResourceVersion);
                        needList = true;
                        break;
                    case WatchEnd.ClosedQuickly:
                        await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
                        backoff = NextBackoff(backoff);
                        break;
                    default:
                        backoff = _options.InitialBackoff;
                        break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (IsGone(e))
            {
                Log.WatchExpired(_logger, Name, scope ?? "*", position.ResourceVersion);
                needList = true;
            }
            catch (Exception e)
            {
                // A catch-all on purpose: any list or watch failure means "back off and connect again".
                Log.ListWatchFailed(_logger, Name, scope ?? "*", backoff, e);
                try
                {
                    await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = NextBackoff(backoff);
            }
        }
    }

    private TimeSpan NextBackoff(TimeSpan current)
    {
        var next = current * 2;
        return next > _options.MaxBackoff ? _options.MaxBackoff : next;
    }

    private async Task<string> ListIntoCacheAsync(string? scope, string resourceVersion, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? continueToken = null;
        string listVersion;
        do
        {
            var page = await _source.ListAsync(
                scope,
                new ListRequest(_options.LabelSelector, continueToken is null ? resourceVersion : null, _options.PageSize, continueToken),
                cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
            listVersion = page.ResourceVersion;
            continueToken = page.Continue;
        }
        while (continueToken is not null);

        Interlocked.Increment(ref _lists);
        Replace(scope, items);
        return listVersion;
    }

    private void Replace(string? scope, List<T> items)
    {
        lock (_dispatch)
        {
            var seen = new HashSet<ObjectKey>();
            foreach (var item in items)
            {
                seen.Add(ObjectKey.From(item));
                var old = _cache.Upsert(Trim(item));
                Dispatch(old, item);
            }

            var gone = _cache.Keys(k => !seen.Contains(k) && (scope is null || string.Equals(k.Namespace, scope, StringComparison.Ordinal)));
            foreach (var key in gone)
            {
                if (_cache.Remove(key) is { } removed)
                {
                    DispatchDelete(removed);
                }
            }
        }
    }

    private async Task<WatchEnd> WatchOnceAsync(string? scope, WatchPosition position, CancellationToken cancellationToken)
    {
        var minSeconds = (int)_options.MinWatchTimeout.TotalSeconds;
        var maxSeconds = (int)_options.MaxWatchTimeout.TotalSeconds;
        var timeoutSeconds = Random.Shared.Next(minSeconds, maxSeconds + 1);
        var idleLimit = TimeSpan.FromSeconds(timeoutSeconds) + _options.StallGrace;
        var started = _time.GetTimestamp();
        var received = 0;
        Exception? gone = null;

        using var watchCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stallTimer = _time.CreateTimer(CancelQuietly, watchCts, idleLimit, Timeout.InfiniteTimeSpan);
        Interlocked.Increment(ref _watchStarts);
        try
        {
            var stream = _source.WatchAsync(
                scope,
                new WatchRequest(_options.LabelSelector, position.ResourceVersion, timeoutSeconds),
                e =>
                {
                    if (IsGone(e))
                    {
                        gone = e;
                    }
                    else
                    {
                        Log.WatchStreamError(_logger, Name, e);
                    }
                },
                watchCts.Token);
            await foreach (var (type, obj) in stream.WithCancellation(watchCts.Token).ConfigureAwait(false))
            {
                stallTimer.Change(idleLimit, Timeout.InfiniteTimeSpan);
                received++;
                Apply(type, obj);
                // Kept outside this method so a dropped stream (an exception) re-watches from here, not from the list.
                if (obj?.Metadata?.ResourceVersion is { Length: > 0 } version)
                {
                    position.ResourceVersion = version;
                    _lastResourceVersion = version;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && watchCts.IsCancellationRequested)
        {
            Interlocked.Increment(ref _stalls);
            Log.WatchStalled(_logger, Name, scope ?? "*", idleLimit);
            return WatchEnd.Stalled;
        }

        if (gone is not null)
        {
            return WatchEnd.Gone;
        }

        // A stream that closes at once without a single event means something is wrong; do not hammer the server.
        return received == 0 && _time.GetElapsedTime(started) < TimeSpan.FromSeconds(1) ? WatchEnd.ClosedQuickly : WatchEnd.Closed;
    }

    private static void CancelQuietly(object? state)
    {
        try
        {
            ((CancellationTokenSource)state!).Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The watch ended on its own just before the stall timer fired.
        }
    }

    /// <summary>Drops what the cache does not keep (<see cref="InformerOptions.KeepManagedFields"/>) before it is stored.</summary>
    private T Trim(T obj)
    {
        if (!_options.KeepManagedFields)
        {
            obj.Metadata.ManagedFields = null;
        }

        return obj;
    }

    private void Apply(WatchEventType type, T obj)
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
                    Dispatch(_cache.Upsert(Trim(obj)), obj);
                    break;
                case WatchEventType.Deleted:
                    _cache.Remove(ObjectKey.From(obj));
                    DispatchDelete(obj);
                    break;
                default:
                    // BOOKMARK only moves the resourceVersion, which the caller records.
                    break;
            }
        }
    }

    private async Task ResyncLoopAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(period, _time, cancellationToken).ConfigureAwait(false);
                lock (_dispatch)
                {
                    foreach (var item in _cache.List())
                    {
                        Dispatch(item, item);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
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
            Log.HandlerFailed(_logger, Name, e);
        }
    }

    private static bool IsGone(Exception e) => e switch
    {
        KubernetesException k => k.Status?.Code == (int)HttpStatusCode.Gone,
        HttpOperationException h => h.Response?.StatusCode == HttpStatusCode.Gone,
        _ => false,
    };

    private sealed class WatchPosition
    {
        public string ResourceVersion { get; set; } = string.Empty;
    }

    private enum WatchEnd
    {
        Closed,
        ClosedQuickly,
        Stalled,
        Gone,
    }
}
