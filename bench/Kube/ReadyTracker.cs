using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.Bench.Kube;

/// <summary>
/// Watches every GongIntegrationOrigin of the cluster (one list, then one watch resumed from the last
/// resourceVersion, as kubectl get -w does) and records when each first turned Ready, on the Stopwatch clock.
/// </summary>
internal sealed class ReadyTracker : IAsyncDisposable
{
    private readonly IKubernetes _client;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _ready = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _modified;
    private string _resourceVersion = "";

    private ReadyTracker(IKubernetes client) => _client = client;

    /// <summary>MODIFIED events seen so far (each is one write to an origin, mostly the operator's status writes).</summary>
    public long Modified => Interlocked.Read(ref _modified);

    /// <summary>Lists, then watches in the background; returns once the list is in.</summary>
    public static async Task<ReadyTracker> StartAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        var tracker = new ReadyTracker(client);
        await tracker.ListAsync(cancellationToken).ConfigureAwait(false);
        tracker._loop = Task.Run(() => tracker.WatchLoopAsync(tracker._stop.Token), CancellationToken.None);
        return tracker;
    }

    /// <summary>Completes with the Stopwatch timestamp at which <paramref name="key"/> ("namespace/name") was first seen Ready.</summary>
    public Task<long> ReadyAsync(string key) => Slot(key).Task;

    /// <summary>Waits until every key is Ready; false when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitAllAsync(IEnumerable<string> keys, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var all = Task.WhenAll(keys.Select(ReadyAsync));
        return await Task.WhenAny(all, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false) == all;
    }

    /// <summary>How many of <paramref name="keys"/> are Ready now.</summary>
    public int CountReady(IEnumerable<string> keys) => keys.Count(k => _ready.TryGetValue(k, out var slot) && slot.Task.IsCompleted);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private TaskCompletionSource<long> Slot(string key) =>
        _ready.GetOrAdd(key, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private void Observe(BenchOrigin origin, long now)
    {
        if (origin.IsReady)
        {
            Slot($"{origin.Metadata.NamespaceProperty}/{origin.Metadata.Name}").TrySetResult(now);
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var list = await _client.CustomObjects.ListClusterCustomObjectAsync<KubernetesList<BenchOrigin>>(
            BenchOrigin.Group, BenchOrigin.Version, BenchOrigin.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        var now = Stopwatch.GetTimestamp();
        foreach (var origin in list.Items)
        {
            Observe(origin, now);
        }

        _resourceVersion = list.Metadata.ResourceVersion;
    }

    private async Task WatchLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var expired = false;
            try
            {
                var response = _client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<KubernetesList<BenchOrigin>>(
                    BenchOrigin.Group, BenchOrigin.Version, BenchOrigin.Plural,
                    allowWatchBookmarks: true, resourceVersion: _resourceVersion, watch: true, cancellationToken: cancellationToken);
#pragma warning disable CS0618 // The newer WatchList…Async methods yield untyped objects for custom resources; this one yields BenchOrigin.
                await foreach (var (type, origin) in response.WatchAsync<BenchOrigin, KubernetesList<BenchOrigin>>(_ => { }, cancellationToken).ConfigureAwait(false))
#pragma warning restore CS0618
                {
                    var now = Stopwatch.GetTimestamp();
                    if (type == WatchEventType.Error)
                    {
                        // A 410 Gone inside the stream: the resourceVersion is too old, relist.
                        expired = true;
                        break;
                    }

                    if (origin.Metadata?.ResourceVersion is { Length: > 0 } rv)
                    {
                        _resourceVersion = rv;
                    }

                    if (type == WatchEventType.Modified)
                    {
                        Interlocked.Increment(ref _modified);
                    }

                    if (type is WatchEventType.Added or WatchEventType.Modified)
                    {
                        Observe(origin, now);
                    }
                }
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                expired = true;
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                // The stream broke: resume from the last resourceVersion, after a pause so a server that is going away
                // is not hammered.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }

            if (expired && !cancellationToken.IsCancellationRequested)
            {
                await ListAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
