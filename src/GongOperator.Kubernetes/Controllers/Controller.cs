using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.Metrics;
using GongOperator.Kubernetes.Queue;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongOperator.Kubernetes.Controllers;

/// <summary>
/// Runs a reconciler over the keys of one primary kind: informer events (filtered by update predicates) and mapped
/// secondary events enqueue keys; workers hand them to <see cref="IReconciler"/> and act on the result (done,
/// requeue after a delay, back off on an exception, give up on <see cref="TerminalReconcileException"/>).
/// </summary>
/// <typeparam name="T">The primary kind.</typeparam>
public sealed class Controller<T> : IAbortableController
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private const string ResultSuccess = "success";
    private const string ResultRequeueAfter = "requeue_after";
    private const string ResultRequeue = "requeue";
    private const string ResultError = "error";

    private readonly ControllerOptions _options;
    private readonly Informer<T> _primary;
    private readonly IReconciler _reconciler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly RuntimeMetrics _metrics;
    private readonly List<UpdatePredicate<T>> _predicates = [];
    private readonly List<IInformer> _informers = [];
    private volatile WorkQueue<ObjectKey>? _queue;
    private int _active;
    private int _running;

    public Controller(ControllerOptions options, Informer<T> informer, IReconciler reconciler, RuntimeMetrics metrics, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        ArgumentNullException.ThrowIfNull(options);
        if (new ControllerOptionsValidator().Validate(null, options) is { Failed: true } invalid)
        {
            throw new ArgumentException(invalid.FailureMessage, nameof(options));
        }

        _options = options;
        _primary = informer ?? throw new ArgumentNullException(nameof(informer));
        _reconciler = reconciler ?? throw new ArgumentNullException(nameof(reconciler));
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        InitializeMetrics();
        _informers.Add(informer);
        informer.AddEventHandler(
            obj => Enqueue(ObjectKey.From(obj)),
            (oldObject, newObject) =>
            {
                if (_predicates.TrueForAll(p => p(oldObject, newObject)))
                {
                    Enqueue(ObjectKey.From(newObject));
                }
            },
            obj => Enqueue(ObjectKey.From(obj)));
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public IReadOnlyCollection<IInformer> Informers => _informers;

    /// <summary>The queue of the current run, or null while not running.</summary>
    public WorkQueue<ObjectKey>? Queue => _queue;

    /// <summary>Reconciles in progress right now.</summary>
    public int ActiveReconciles => Volatile.Read(ref _active);

    /// <summary>Adds an update predicate (all must pass). Adds and deletes are never filtered.</summary>
    public Controller<T> WithUpdatePredicate(UpdatePredicate<T> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        _predicates.Add(predicate);
        return this;
    }

    /// <summary>Enqueues the primary keys <paramref name="map"/> returns for every change of a secondary kind.</summary>
    public Controller<T> Watches<TOther>(Informer<TOther> informer, Func<TOther, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(informer);
        ArgumentNullException.ThrowIfNull(map);
        _informers.Add(informer);
        informer.AddEventHandler(
            obj => EnqueueAll(map(obj)),
            (oldObject, newObject) => EnqueueAll(map(oldObject).Concat(map(newObject)).Distinct()),
            obj => EnqueueAll(map(obj)));
        return this;
    }

    /// <summary>
    /// Enqueues the primary objects that reference a secondary object through the primary informer's index
    /// <paramref name="indexName"/>, whose values are the secondary objects' keys ("namespace/name").
    /// </summary>
    public Controller<T> WatchesByIndex<TOther>(Informer<TOther> informer, string indexName)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentException.ThrowIfNullOrEmpty(indexName);
        return Watches(informer, other => _primary.ByIndex(indexName, ObjectKey.From(other).ToString()).Select(ObjectKey.From));
    }

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => ((IAbortableController)this).RunAsync(cancellationToken, CancellationToken.None);

    /// <summary>
    /// Runs until <paramref name="stopping"/>; then waits for in-flight reconciles up to the graceful bound.
    /// <paramref name="abort"/> cancels in-flight reconciles at once (lost leadership).
    /// </summary>
    async Task IAbortableController.RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"Controller {Name} is already running.");
        }

        try
        {
            try
            {
                foreach (var informer in _informers)
                {
                    await informer.WaitForSyncAsync(stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            using var queue = new WorkQueue<ObjectKey>(_metrics, _options.WorkQueue with { Name = Name }, _time);
            _queue = queue;

            // A fresh run (first start, or leadership regained) looks at every object once.
            foreach (var obj in _primary.List())
            {
                queue.Add(ObjectKey.From(obj));
            }

            // Shut the queue inside the cancellation itself, so no worker takes a new key after stop was requested.
            using var stopRegistration = stopping.Register(queue.ShutDown);
            using var reconcileCts = CancellationTokenSource.CreateLinkedTokenSource(abort);
            _metrics.MaxConcurrentReconciles.WithLabels(Name).Set(_options.MaxConcurrentReconciles);
            var workers = Enumerable.Range(0, _options.MaxConcurrentReconciles)
                .Select(_ => Task.Run(() => WorkerAsync(queue, reconcileCts.Token), CancellationToken.None))
                .ToArray();
            Log.ControllerStarted(_logger, Name, workers.Length);

            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stop requested: take no new keys, let the running ones finish within the bound.
            }

            _queue = null;
            queue.ShutDown();
            var all = Task.WhenAll(workers);
            using var boundCts = new CancellationTokenSource();
            var bound = Task.Delay(_options.GracefulShutdownTimeout, _time, boundCts.Token);
            if (await Task.WhenAny(all, bound).ConfigureAwait(false) != all)
            {
                Log.ShutdownTimedOut(_logger, Name, ActiveReconciles, _options.GracefulShutdownTimeout);
                await reconcileCts.CancelAsync().ConfigureAwait(false);
            }

            await boundCts.CancelAsync().ConfigureAwait(false);
            await all.ConfigureAwait(false);
            Log.ControllerStopped(_logger, Name);
        }
        finally
        {
            _queue = null;
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// As controller-runtime does when it builds a controller: every series exists from the start at 0, so rate() and
    /// alerts see the first reconcile, error or requeue instead of a series that appears with it. "requeue" (an
    /// immediate requeue, which <see cref="ReconcileResult"/> does not offer) stays 0 and is there for dashboards.
    /// </summary>
    private void InitializeMetrics()
    {
        foreach (var result in (string[])[ResultError, ResultRequeue, ResultRequeueAfter, ResultSuccess])
        {
            _metrics.ReconcileTotal.WithLabels(Name, result).Inc(0);
        }

        _metrics.ReconcileErrors.WithLabels(Name).Inc(0);
        _metrics.ReconcileTerminalErrors.WithLabels(Name).Inc(0);
        _metrics.ActiveWorkers.WithLabels(Name).Set(0);
        _metrics.MaxConcurrentReconciles.WithLabels(Name).Set(_options.MaxConcurrentReconciles);
    }

    private void Enqueue(ObjectKey key) => _queue?.Add(key);

    private void EnqueueAll(IEnumerable<ObjectKey> keys)
    {
        var queue = _queue;
        if (queue is null)
        {
            return;
        }

        foreach (var key in keys)
        {
            queue.Add(key);
        }
    }

    private async Task WorkerAsync(WorkQueue<ObjectKey> queue, CancellationToken reconcileToken)
    {
        while (true)
        {
            var (key, shuttingDown) = await queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (shuttingDown)
            {
                return;
            }

            Interlocked.Increment(ref _active);
            _metrics.ActiveWorkers.WithLabels(Name).Inc();
            try
            {
                await ReconcileOneAsync(queue, key, reconcileToken).ConfigureAwait(false);
            }
            finally
            {
                _metrics.ActiveWorkers.WithLabels(Name).Dec();
                Interlocked.Decrement(ref _active);
                queue.Done(key);
            }
        }
    }

    private async Task ReconcileOneAsync(WorkQueue<ObjectKey> queue, ObjectKey key, CancellationToken reconcileToken)
    {
        using var scope = _logger.BeginScope(new ReconcileScope(Name, key, Guid.NewGuid().ToString("N")));
        var started = _time.GetTimestamp();
        string result;
        try
        {
            var outcome = await _reconciler.ReconcileAsync(key, reconcileToken).ConfigureAwait(false);
            queue.Forget(key);
            if (outcome.RequeueAfterDelay is { } delay)
            {
                // AddAfter keeps the sooner of two due times, so a watch event caused by this reconcile's own status
                // write can neither cancel nor postpone this timed requeue.
                queue.AddAfter(key, delay);
                result = ResultRequeueAfter;
            }
            else
            {
                result = ResultSuccess;
            }
        }
        catch (OperationCanceledException) when (reconcileToken.IsCancellationRequested)
        {
            // Aborted by shutdown or lost leadership: the next leader reconciles everything anyway.
            return;
        }
        catch (TerminalReconcileException e)
        {
            queue.Forget(key);
            _metrics.ReconcileErrors.WithLabels(Name).Inc();
            _metrics.ReconcileTerminalErrors.WithLabels(Name).Inc();
            Log.ReconcileTerminal(_logger, Name, key.ToString(), e);
            result = ResultError;
        }
        catch (Exception e)
        {
            // A catch-all on purpose: any reconciler failure means "back off and retry"; it must not kill the worker.
            queue.AddRateLimited(key);
            _metrics.ReconcileErrors.WithLabels(Name).Inc();
            Log.ReconcileFailed(_logger, Name, key.ToString(), e);
            result = ResultError;
        }

        _metrics.ReconcileTotal.WithLabels(Name, result).Inc();
        _metrics.ReconcileTime.WithLabels(Name).Observe(_time.GetElapsedTime(started).TotalSeconds);
    }
}
