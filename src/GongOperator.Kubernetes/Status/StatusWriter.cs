using System.Collections.Concurrent;
using System.Net;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.Kubernetes.Status;

/// <summary>
/// Writes the /status subresource so that conflicts are survived, not lost: on 409 it re-reads the object and
/// re-applies the caller's change function to the fresh copy, then tries again. A spec change made meanwhile is kept
/// (the /status write touches status only) and the status change is not lost either.
/// It also remembers the resourceVersion of its last write per object, so a reconcile that reads an informer cache
/// which has not yet seen that write can read its own write instead (<see cref="ReadYourWritesAsync"/>).
/// </summary>
/// <typeparam name="T">The custom resource type.</typeparam>
public sealed class StatusWriter<T> : IStatusWriter<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Default number of attempts before giving up on a key that keeps conflicting.</summary>
    public const int DefaultMaxAttempts = 10;

    private readonly CustomResourceClient<T> _client;
    private readonly int _maxAttempts;
    private readonly ConcurrentDictionary<ObjectKey, string> _lastWritten = new();

    public StatusWriter(CustomResourceClient<T> client, int maxAttempts = DefaultMaxAttempts)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _maxAttempts = maxAttempts;
    }

    /// <summary>
    /// Applies <paramref name="mutate"/> (which returns whether it changed anything) to <paramref name="current"/> or a
    /// fresh read, writes the status if it changed, and on conflict repeats on a fresh read. Returns the object as
    /// stored, or null when it no longer exists. Pass a copy as <paramref name="current"/>, never the cached instance.
    /// </summary>
    public async Task<T?> UpdateAsync(ObjectKey key, Func<T, bool> mutate, CancellationToken cancellationToken, T? current = null)
    {
        ArgumentNullException.ThrowIfNull(mutate);
        for (var attempt = 1; ; attempt++)
        {
            var obj = current ?? await _client.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (obj is null)
            {
                return null;
            }

            if (!mutate(obj))
            {
                return obj;
            }

            try
            {
                var stored = await _client.ReplaceStatusAsync(obj, cancellationToken).ConfigureAwait(false);
                if (stored.Metadata.ResourceVersion is { } version)
                {
                    _lastWritten[key] = version;
                }

                return stored;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < _maxAttempts)
            {
                current = null;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                _lastWritten.TryRemove(key, out _);
                return null;
            }
        }
    }

    /// <summary>
    /// Returns <paramref name="cached"/> when it is at least as new as this writer's last write of <paramref name="key"/>
    /// (or there was none); otherwise the object as stored now, or null when it no longer exists. Resource versions are
    /// compared for equality only (they are opaque): a cache showing another version than the one written is checked
    /// with one read, which also tells a lagging cache from one that moved past the write.
    /// </summary>
    public async Task<T?> ReadYourWritesAsync(ObjectKey key, T cached, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cached);
        if (!_lastWritten.TryGetValue(key, out var written))
        {
            return cached;
        }

        var version = cached.Metadata.ResourceVersion;
        if (version == written)
        {
            _lastWritten.TryRemove(KeyValuePair.Create(key, written));
            return cached;
        }

        var live = await _client.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (live is not null && live.Metadata.ResourceVersion != version)
        {
            // The cache lags: keep waiting for it to show the write, and act on what is stored meanwhile.
            return live;
        }

        // Gone, or the cache already shows the latest version (someone wrote after this writer): nothing to wait for.
        _lastWritten.TryRemove(KeyValuePair.Create(key, written));
        return live is null ? null : cached;
    }

    /// <summary>Forgets <paramref name="key"/> (its object was deleted).</summary>
    public void Forget(ObjectKey key) => _lastWritten.TryRemove(key, out _);
}
