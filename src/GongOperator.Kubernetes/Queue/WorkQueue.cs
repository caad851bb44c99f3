using GongOperator.Kubernetes.Metrics;

namespace GongOperator.Kubernetes.Queue;

/// <summary>
/// A rate-limited, delaying work queue with client-go's semantics: an item is queued at most once; an item added
/// while being processed is processed once more after <see cref="Done"/>, never concurrently; a delayed add keeps the
/// sooner of two due times; failures back off per item (5 ms·2^n, capped) and through a shared token bucket.
/// </summary>
/// <typeparam name="T">The item type, usually <c>ObjectKey</c>.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "'Work queue' is the established name (client-go, controller-runtime).")]
public sealed class WorkQueue<T> : IDisposable
    where T : notnull
{
    // A timer cannot wait longer than about 49.7 days (uint milliseconds); a longer delay (a reassert period of months)
    // wakes the timer early, finds nothing due and re-arms it.
    private static readonly TimeSpan MaxTimerWait = TimeSpan.FromDays(7);

    private readonly Lock _gate = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly HashSet<T> _processing = [];
    private readonly Dictionary<T, long> _queuedAt = [];
    private readonly Dictionary<T, long> _startedAt = [];
    private readonly Dictionary<T, DateTimeOffset> _waiting = [];
    private readonly PriorityQueue<T, DateTimeOffset> _waitingOrder = new();
    private readonly Dictionary<T, int> _failures = [];
    private readonly List<TaskCompletionSource> _getters = [];
    private readonly TimeProvider _time;
    private readonly WorkQueueOptions _options;
    private readonly TokenBucket _bucket;
    private readonly ITimer _timer;
    private readonly RuntimeMetrics _metrics;
    private readonly IDisposable _inProgressTracking;
    private bool _shuttingDown;

    public WorkQueue(RuntimeMetrics metrics, WorkQueueOptions? options = null, TimeProvider? timeProvider = null)
    {
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _options = options ?? new WorkQueueOptions();
        _time = timeProvider ?? TimeProvider.System;
        _bucket = new TokenBucket(_options.RetryRatePerSecond, _options.RetryBurst, _time);
        _timer = _time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _inProgressTracking = _metrics.TrackInProgress(Name, InProgressSeconds);
        _metrics.WorkQueueUnfinishedWork.WithLabels(Name).Set(0);
        _metrics.WorkQueueLongestRunningProcessor.WithLabels(Name).Set(0);
    }

    /// <summary>The name that labels this queue's metrics.</summary>
    public string Name => _options.Name;

    /// <summary>Items ready to be handed out (not counting delayed or in-flight items).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Items waiting for a delayed add to fall due.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>True once <see cref="ShutDown"/> was called.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Queues an item unless it is already queued; an item being processed is marked to run once more.</summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            AddLocked(item);
        }
    }

    /// <summary>Queues an item after <paramref name="delay"/>; if it is already waiting with a sooner due time, that one stays.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            if (delay <= TimeSpan.Zero)
            {
                AddLocked(item);
                return;
            }

            var due = _time.GetUtcNow() + delay;
            if (_waiting.TryGetValue(item, out var existing) && existing <= due)
            {
                return;
            }

            _waiting[item] = due;
            _waitingOrder.Enqueue(item, due);
            ArmTimerLocked();
        }
    }

    /// <summary>Queues an item after its back-off: the larger of the per-item exponential delay and the shared bucket's wait.</summary>
    public void AddRateLimited(T item)
    {
        TimeSpan delay;
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _failures.TryGetValue(item, out var failures);
            _failures[item] = failures + 1;
            delay = BackoffFor(failures);
        }

        var bucketDelay = _bucket.Reserve();
        _metrics.WorkQueueRetries.WithLabels(Name).Inc();
        AddAfter(item, delay > bucketDelay ? delay : bucketDelay);
    }

    /// <summary>Clears an item's failure count (call after a successful pass).</summary>
    public void Forget(T item)
    {
        lock (_gate)
        {
            _failures.Remove(item);
        }
    }

    /// <summary>How many times the item was re-queued through <see cref="AddRateLimited"/> since the last <see cref="Forget"/>.</summary>
    public int NumRequeues(T item)
    {
        lock (_gate)
        {
            return _failures.TryGetValue(item, out var n) ? n : 0;
        }
    }

    /// <summary>
    /// Waits for the next item and marks it as being processed; the caller must call <see cref="Done"/>.
    /// Returns <c>ShuttingDown = true</c> (and no item) once the queue is shut down.
    /// </summary>
    public async Task<(T Item, bool ShuttingDown)> GetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskCompletionSource signal;
            lock (_gate)
            {
                if (_shuttingDown)
                {
                    return (default!, true);
                }

                if (_queue.TryDequeue(out var item))
                {
                    _processing.Add(item);
                    _dirty.Remove(item);
                    var now = _time.GetTimestamp();
                    if (_queuedAt.Remove(item, out var queuedAt))
                    {
                        _metrics.WorkQueueQueueDuration.WithLabels(Name).Observe(_time.GetElapsedTime(queuedAt, now).TotalSeconds);
                    }

                    _startedAt[item] = now;
                    _metrics.WorkQueueDepth.WithLabels(Name).Set(_queue.Count);
                    return (item, false);
                }

                signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _getters.Add(signal);
            }

            try
            {
                await signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    _getters.Remove(signal);
                }
            }
        }
    }

    /// <summary>Marks an item as processed; if it was added meanwhile it is queued again now.</summary>
    public void Done(T item)
    {
        lock (_gate)
        {
            _processing.Remove(item);
            if (_startedAt.Remove(item, out var started))
            {
                _metrics.WorkQueueWorkDuration.WithLabels(Name).Observe(_time.GetElapsedTime(started).TotalSeconds);
            }

            if (_dirty.Contains(item) && !_shuttingDown)
            {
                PushLocked(item);
            }
        }
    }

    /// <summary>Stops handing out items: waiting and future <see cref="GetAsync"/> calls return at once with ShuttingDown.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            _shuttingDown = true;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            WakeGettersLocked();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
        _inProgressTracking.Dispose();
    }

    /// <summary>Seconds spent so far on the items being processed, summed, and on the one processed longest.</summary>
    internal (double Unfinished, double Longest) InProgressSeconds()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            double total = 0, longest = 0;
            foreach (var started in _startedAt.Values)
            {
                var seconds = _time.GetElapsedTime(started, now).TotalSeconds;
                total += seconds;
                longest = Math.Max(longest, seconds);
            }

            return (total, longest);
        }
    }

    internal TimeSpan BackoffFor(int failures)
    {
        // 2^n overflows quickly; past 2^40 the cap has long been reached.
        var exponent = Math.Min(failures, 40);
        var ticks = _options.BaseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= _options.MaxDelay.Ticks ? _options.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private void AddLocked(T item)
    {
        if (_shuttingDown)
        {
            return;
        }

        if (!_dirty.Add(item))
        {
            return;
        }

        // Counted like client-go: only adds that were not already pending.
        _metrics.WorkQueueAdds.WithLabels(Name).Inc();

        if (_processing.Contains(item))
        {
            return;
        }

        PushLocked(item);
    }

    private void PushLocked(T item)
    {
        _queue.Enqueue(item);
        _queuedAt[item] = _time.GetTimestamp();
        _metrics.WorkQueueDepth.WithLabels(Name).Set(_queue.Count);
        WakeGettersLocked();
    }

    private void WakeGettersLocked()
    {
        // Wake every waiter: one that was cancelled meanwhile must not swallow the only signal.
        foreach (var getter in _getters)
        {
            getter.TrySetResult();
        }

        _getters.Clear();
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var now = _time.GetUtcNow();
            while (_waitingOrder.TryPeek(out var item, out var due) && due <= now)
            {
                _waitingOrder.Dequeue();

                // Entries superseded by a sooner AddAfter are stale; only the current due time counts.
                if (_waiting.TryGetValue(item, out var current) && current == due)
                {
                    _waiting.Remove(item);
                    AddLocked(item);
                }
            }

            ArmTimerLocked();
        }
    }

    private void ArmTimerLocked()
    {
        while (_waitingOrder.TryPeek(out var item, out var due))
        {
            if (_waiting.TryGetValue(item, out var current) && current == due)
            {
                var wait = due - _time.GetUtcNow();
                _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxTimerWait ? MaxTimerWait : wait, Timeout.InfiniteTimeSpan);
                return;
            }

            _waitingOrder.Dequeue();
        }

        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
