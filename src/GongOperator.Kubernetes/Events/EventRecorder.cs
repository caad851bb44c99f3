using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongOperator.Kubernetes.Events;

/// <summary>
/// Records core v1 Events (what <c>kubectl describe</c> shows) the way client-go's broadcaster does: recording only
/// decides and queues, and one writer sends the queued events in order, so a reconcile never waits on an Event write
/// and Event writes never hold more than one request in flight. Identical repeats bump count and lastTimestamp of the
/// existing Event by PATCH; similar ones are combined; a per-object spam filter drops bursts before they take a place
/// in the bounded queue; an event recorded while the queue is full is dropped. Best effort: failures are logged, never
/// thrown.
/// </summary>
public sealed class EventRecorder : IEventRecorder, IDisposable, IAsyncDisposable
{
    private readonly IEventSink _sink;
    private readonly string _component;
    private readonly string? _host;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly EventRecorderOptions _options;
    private readonly EventAggregator _aggregator;
    private readonly Channel<QueuedEvent> _queue;
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _writer;
    private int _overflowing;
    private int _stopped;

    /// <param name="client">The Kubernetes client.</param>
    /// <param name="component">The reporting component (Event source.component), for example the operator's name.</param>
    /// <param name="host">Event source.host, usually the pod name; optional.</param>
    /// <param name="logger">Logger; optional.</param>
    /// <param name="timeProvider">Clock; optional.</param>
    /// <param name="options">Queue bounds; optional.</param>
    public EventRecorder(IKubernetes client, string component, string? host = null, ILogger? logger = null, TimeProvider? timeProvider = null, EventRecorderOptions? options = null)
        : this(new KubernetesEventSink(client ?? throw new ArgumentNullException(nameof(client))), component, host, logger, timeProvider, options)
    {
    }

    internal EventRecorder(IEventSink sink, string component, string? host, ILogger? logger, TimeProvider? timeProvider, EventRecorderOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(component);
        _options = options ?? new EventRecorderOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.QueueCapacity, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.DrainTimeout, TimeSpan.Zero, nameof(options));
        _sink = sink;
        _component = component;
        _host = host;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _aggregator = new EventAggregator(_time);
        _queue = Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _writer = Task.Run(WriteQueuedAsync, CancellationToken.None);
    }

    /// <summary>Events queued and not yet taken by the writer.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>
    /// Queues an event about <paramref name="obj"/> (type <see cref="EventTypes"/>, reason in UpperCamelCase) and
    /// returns at once; the write happens later, in order. Dropped by the spam filter, when the queue is full, or
    /// after the recorder stopped.
    /// </summary>
    public Task RecordAsync(IKubernetesObject<V1ObjectMeta> obj, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var meta = obj.Metadata ?? throw new ArgumentException("The object has no metadata.", nameof(obj));
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        // Events of cluster-scoped objects live in "default", as client-go puts them.
        var eventNamespace = string.IsNullOrEmpty(meta.NamespaceProperty) ? "default" : meta.NamespaceProperty;
        var spec = new EventSpec(obj.Kind ?? string.Empty, meta.NamespaceProperty ?? string.Empty, meta.Name, meta.Uid ?? string.Empty, type, reason, message ?? string.Empty, _component);

        // The spam filter decides before the queue, so a flood from one object never takes the places of others.
        var decision = _aggregator.Decide(spec);
        if (decision.Action == EventAction.Drop)
        {
            Log.EventDropped(_logger, reason, meta.Name);
            return Task.CompletedTask;
        }

        var involved = new V1ObjectReference
        {
            ApiVersion = obj.ApiVersion,
            Kind = obj.Kind,
            Name = meta.Name,
            NamespaceProperty = meta.NamespaceProperty,
            Uid = meta.Uid,
            ResourceVersion = meta.ResourceVersion,
        };
        if (!_queue.Writer.TryWrite(new QueuedEvent(involved, eventNamespace, spec, decision)))
        {
            if (Volatile.Read(ref _stopped) == 0 && Interlocked.Exchange(ref _overflowing, 1) == 0)
            {
                Log.EventQueueFull(_logger, _options.QueueCapacity);
            }

            Log.EventNotQueued(_logger, reason, meta.Name);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops taking events and lets the queued ones be written for up to <see cref="EventRecorderOptions.DrainTimeout"/>;
    /// then cancels the write in flight and drops the rest.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        using (var boundCts = new CancellationTokenSource())
        {
            var bound = Task.Delay(_options.DrainTimeout, _time, boundCts.Token);
            if (await Task.WhenAny(_writer, bound).ConfigureAwait(false) != _writer)
            {
                // The write in flight counts as not written: its cancellation is what ends it.
                Log.EventDrainTimedOut(_logger, _options.DrainTimeout, _queue.Reader.Count + 1);
                await _abort.CancelAsync().ConfigureAwait(false);
            }

            await boundCts.CancelAsync().ConfigureAwait(false);
        }

        await _writer.ConfigureAwait(false);
        _abort.Dispose();
    }

    /// <summary>Stops at once: the queued events are dropped and the write in flight is cancelled.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _abort.Cancel();
    }

    /// <summary>404 (the namespace is gone: creating an Event has no other 404) or 403 NamespaceTerminating.</summary>
    private static bool IsNamespaceGone(HttpOperationException e) =>
        e.Response.StatusCode == HttpStatusCode.NotFound
        || (e.Response.StatusCode == HttpStatusCode.Forbidden && e.Response.Content?.Contains("NamespaceTerminating", StringComparison.Ordinal) == true);

    private async Task WriteQueuedAsync()
    {
        var reader = _queue.Reader;
        var abort = _abort.Token;
        try
        {
            while (await reader.WaitToReadAsync(abort).ConfigureAwait(false))
            {
                while (reader.TryRead(out var queued))
                {
                    await WriteAsync(queued, abort).ConfigureAwait(false);
                }

                // Drained: the next overflow is news again.
                Volatile.Write(ref _overflowing, 0);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Stopped past the drain bound: what is left is dropped.
        }
    }

    private async Task WriteAsync(QueuedEvent queued, CancellationToken cancellationToken)
    {
        var reason = queued.Spec.Reason;
        var name = queued.Spec.InvolvedName;
        try
        {
            var decision = queued.Decision;
            if (decision.Action == EventAction.Patch)
            {
                try
                {
                    await _sink.PatchAsync(queued.EventNamespace, decision.Name, Patch(decision), cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
                {
                    decision = _aggregator.Recreated(decision);
                }
            }

            await _sink.CreateAsync(queued.EventNamespace, Body(queued, decision), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpOperationException e) when (IsNamespaceGone(e))
        {
            // Deleting a namespace deletes its objects first: their last events have nowhere to go, which is expected.
            Log.EventNamespaceGone(_logger, reason, name, queued.EventNamespace);
        }
        catch (Exception e)
        {
            // A catch-all on purpose: events are best effort; one failed write must not stop the writer.
            Log.EventWriteFailed(_logger, reason, name, e);
        }
    }

    private Corev1Event Body(QueuedEvent queued, EventDecision decision) => new()
    {
        ApiVersion = "v1",
        Kind = "Event",
        Metadata = new V1ObjectMeta { Name = decision.Name, NamespaceProperty = queued.EventNamespace },
        InvolvedObject = queued.InvolvedObject,
        Type = queued.Spec.Type,
        Reason = queued.Spec.Reason,
        Message = decision.Message,
        Source = new V1EventSource { Component = _component, Host = _host },
        ReportingComponent = _component,
        ReportingInstance = _host ?? string.Empty,
        FirstTimestamp = KubernetesTime.WholeSeconds(decision.FirstTimestamp),
        LastTimestamp = KubernetesTime.WholeSeconds(decision.LastTimestamp),
        Count = decision.Count,
    };

    private static V1Patch Patch(EventDecision decision) => new(
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["count"] = decision.Count,
            ["lastTimestamp"] = KubernetesTime.WholeSeconds(decision.LastTimestamp).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["message"] = decision.Message,
        }),
        V1Patch.PatchType.MergePatch);
}
