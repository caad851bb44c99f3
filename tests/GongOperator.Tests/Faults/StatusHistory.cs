using GongOperator.Resources;
using GongOperator.Reconciliation;
using k8s;
using k8s.Autorest;

namespace GongOperator.Tests.Faults;

/// <summary>
/// Records every status of every origin of a namespace over time, through a watch of its own: the test's witness that
/// status never went back to a wrong answer while faults were injected. The watch survives the faults the tests inject
/// (cuts, 410, a restarted server): it starts again from scratch, which replays every object as ADDED.
/// </summary>
internal sealed class StatusHistory : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<StatusSample> _samples = [];
    private readonly Task _loop;

    public StatusHistory(IKubernetes client, string ns)
    {
        _client = client;
        _namespace = ns;
        _loop = Task.Run(RunAsync);
    }

    public IReadOnlyList<StatusSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>When the watch first showed <paramref name="name"/> Ready at its generation, if it has.</summary>
    public DateTimeOffset? FirstReadyAtGeneration(string name, long generation) =>
        Samples.FirstOrDefault(s => s.Name == name && s.Ready && s.Generation == generation && s.ObservedGeneration == generation)?.Seen;

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var response = _client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
                    GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, _namespace, GongIntegrationOrigin.Plural, watch: true, cancellationToken: _stop.Token);
                // As the operator's informer: the generated WatchList…Async methods yield untyped custom objects.
#pragma warning disable CS0618
                await foreach (var (_, origin) in response.WatchAsync<GongIntegrationOrigin, object>(cancellationToken: _stop.Token))
#pragma warning restore CS0618
                {
                    Record(origin);
                }
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or k8s.KubernetesException || (e is OperationCanceledException && !_stop.IsCancellationRequested))
            {
                // The fault under test cut this watch too: a short pause (polling interval), then watch again.
                await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Record(GongIntegrationOrigin origin)
    {
        var status = origin.Status;
        var ready = status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Ready);
        var sample = new StatusSample(
            DateTimeOffset.UtcNow,
            origin.Metadata.Name,
            origin.Metadata.Generation ?? 0,
            status?.ObservedGeneration ?? 0,
            ready?.Reason,
            ready?.Status == "True",
            status?.IntegrationId,
            status?.RegisteredOrigin);
        lock (_samples)
        {
            _samples.Add(sample);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
