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
/// </summary>
/// <typeparam name="T">The custom resource type.</typeparam>
public sealed class StatusWriter<T> : IStatusWriter<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Default number of attempts before giving up on a key that keeps conflicting.</summary>
    public const int DefaultMaxAttempts = 10;

    private readonly CustomResourceClient<T> _client;
    private readonly int _maxAttempts;

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
                return await _client.ReplaceStatusAsync(obj, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < _maxAttempts)
            {
                current = null;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        }
    }
}
