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
/// timeout plus a grace; relist on 410 Gone. Handlers see every change after the cache has it (<see cref="InformerStore{T}"/>).
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed class Informer<T> : IInformer, IObjectReader<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IListWatchSource<T> _source;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly InformerStore<T> _store;
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
        _store = new InformerStore<T>(Name, _options.KeepManagedFields, _logger);
    }

    private ObjectCache<T> Cache => _store.Cache;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>Objects in the cache.</summary>
    public int Count => Cache.Count;

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
        Cache.AddIndexer(name, indexer);
    }

    /// <summary>Adds a handler; objects already cached are replayed to it as adds.</summary>
    public void AddEventHandler(IInformerHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _store.AddHandler(handler);
    }

    /// <summary>Adds a handler from delegates; see <see cref="AddEventHandler(IInformerHandler{T})"/>.</summary>
    public void AddEventHandler(Action<T>? onAdd, Action<T, T>? onUpdate, Action<T>? onDelete)
        => AddEventHandler(new InformerHandler<T>(onAdd, onUpdate, onDelete));

    /// <summary>The cached object with this key, or null.</summary>
    public T? Get(ObjectKey key) => Cache.Get(key);

    /// <summary>All cached objects.</summary>
    public IReadOnlyList<T> List() => Cache.List();

    /// <summary>Cached objects in one namespace.</summary>
    public IReadOnlyList<T> List(string namespaceName)
        => Cache.List(o => string.Equals(o.Metadata.NamespaceProperty ?? string.Empty, namespaceName, StringComparison.Ordinal));

    /// <summary>Cached objects whose index <paramref name="indexName"/> holds <paramref name="value"/>.</summary>
    public IReadOnlyList<T> ByIndex(string indexName, string value) => Cache.ByIndex(indexName, value);

    internal int IndexValueCount(string indexName) => Cache.IndexValueCount(indexName);

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
                            Log.InformerSynced(_logger, Name, Cache.Count);
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
        _store.Replace(scope, items);
        return listVersion;
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
                _store.Apply(type, obj);
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

    private async Task ResyncLoopAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(period, _time, cancellationToken).ConfigureAwait(false);
                _store.Resync();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
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
