using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongOperator.Kubernetes.Events;

/// <summary>
/// Records core v1 Events (what <c>kubectl describe</c> shows) the way client-go's recorder does: identical repeats
/// bump count and lastTimestamp of the existing Event by PATCH; similar ones are combined; a per-object spam filter
/// applies. Best effort: failures are logged, never thrown (cancellation aside).
/// </summary>
public sealed class EventRecorder : IEventRecorder, IDisposable
{
    private readonly IKubernetes _client;
    private readonly string _component;
    private readonly string? _host;
    private readonly ILogger _logger;
    private readonly EventAggregator _aggregator;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <param name="client">The Kubernetes client.</param>
    /// <param name="component">The reporting component (Event source.component), for example the operator's name.</param>
    /// <param name="host">Event source.host, usually the pod name; optional.</param>
    /// <param name="logger">Logger; optional.</param>
    /// <param name="timeProvider">Clock; optional.</param>
    public EventRecorder(IKubernetes client, string component, string? host = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ArgumentException.ThrowIfNullOrEmpty(component);
        _component = component;
        _host = host;
        _logger = logger ?? NullLogger.Instance;
        _aggregator = new EventAggregator(timeProvider ?? TimeProvider.System);
    }

    /// <summary>Records an event about <paramref name="obj"/> (type <see cref="EventTypes"/>, reason in UpperCamelCase).</summary>
    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> obj, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var meta = obj.Metadata ?? throw new ArgumentException("The object has no metadata.", nameof(obj));

        // Events of cluster-scoped objects live in "default", as client-go puts them.
        var eventNamespace = string.IsNullOrEmpty(meta.NamespaceProperty) ? "default" : meta.NamespaceProperty;
        var spec = new EventSpec(obj.Kind ?? string.Empty, meta.NamespaceProperty ?? string.Empty, meta.Name, meta.Uid ?? string.Empty, type, reason, message ?? string.Empty, _component);

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var decision = _aggregator.Decide(spec);
            switch (decision.Action)
            {
                case EventAction.Drop:
                    Log.EventDropped(_logger, reason, meta.Name);
                    return;
                case EventAction.Patch:
                    try
                    {
                        await PatchAsync(eventNamespace, decision, cancellationToken).ConfigureAwait(false);
                        return;
                    }
                    catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
                    {
                        decision = _aggregator.Recreated(decision);
                    }

                    break;
                default:
                    break;
            }

            await CreateAsync(obj, spec, eventNamespace, decision, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpOperationException e) when (IsNamespaceGone(e))
        {
            // Deleting a namespace deletes its objects first: their last events have nowhere to go, which is expected.
            Log.EventNamespaceGone(_logger, reason, meta.Name, eventNamespace);
        }
        catch (Exception e)
        {
            // A catch-all on purpose: events are best effort; a failed write must not fail the reconcile.
            Log.EventWriteFailed(_logger, reason, meta.Name, e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writeGate.Dispose();

    /// <summary>404 (the namespace is gone: creating an Event has no other 404) or 403 NamespaceTerminating.</summary>
    private static bool IsNamespaceGone(HttpOperationException e) =>
        e.Response.StatusCode == HttpStatusCode.NotFound
        || (e.Response.StatusCode == HttpStatusCode.Forbidden && e.Response.Content?.Contains("NamespaceTerminating", StringComparison.Ordinal) == true);

    private Task<Corev1Event> CreateAsync(IKubernetesObject<V1ObjectMeta> obj, EventSpec spec, string eventNamespace, EventDecision decision, CancellationToken cancellationToken)
    {
        var meta = obj.Metadata;
        var body = new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = decision.Name, NamespaceProperty = eventNamespace },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = obj.ApiVersion,
                Kind = obj.Kind,
                Name = meta.Name,
                NamespaceProperty = meta.NamespaceProperty,
                Uid = meta.Uid,
                ResourceVersion = meta.ResourceVersion,
            },
            Type = spec.Type,
            Reason = spec.Reason,
            Message = decision.Message,
            Source = new V1EventSource { Component = _component, Host = _host },
            ReportingComponent = _component,
            ReportingInstance = _host ?? string.Empty,
            FirstTimestamp = KubernetesTime.WholeSeconds(decision.FirstTimestamp),
            LastTimestamp = KubernetesTime.WholeSeconds(decision.LastTimestamp),
            Count = decision.Count,
        };
        return _client.CoreV1.CreateNamespacedEventAsync(body, eventNamespace, cancellationToken: cancellationToken);
    }

    private Task<Corev1Event> PatchAsync(string eventNamespace, EventDecision decision, CancellationToken cancellationToken)
    {
        var patch = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["count"] = decision.Count,
            ["lastTimestamp"] = KubernetesTime.WholeSeconds(decision.LastTimestamp).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["message"] = decision.Message,
        });
        return _client.CoreV1.PatchNamespacedEventAsync(
            new V1Patch(patch, V1Patch.PatchType.MergePatch), decision.Name, eventNamespace, cancellationToken: cancellationToken);
    }
}
