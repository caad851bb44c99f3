using GongOperator.Kubernetes.Controllers;

namespace GongOperator.Kubernetes.Status;

/// <summary>Writes an object's status conflict-safely (<see cref="StatusWriter{T}"/>); the seam a reconciler's unit tests fake.</summary>
/// <typeparam name="T">The object type.</typeparam>
public interface IStatusWriter<T>
    where T : class
{
    /// <summary>
    /// Applies <paramref name="mutate"/> (which returns whether it changed anything) to <paramref name="current"/> or a
    /// fresh read, writes the status if it changed, and on conflict repeats on a fresh read. Returns the object as
    /// stored, or null when it no longer exists.
    /// </summary>
    Task<T?> UpdateAsync(ObjectKey key, Func<T, bool> mutate, CancellationToken cancellationToken, T? current = null);

    /// <summary>
    /// Read-your-writes over an informer cache: <paramref name="cached"/> when the cache has caught up with this writer's
    /// last status write of <paramref name="key"/>, else the object as stored now (null when it no longer exists). A
    /// reconcile that acts outside Kubernetes (a Gong call) must not act on a status it has already overwritten.
    /// </summary>
    Task<T?> ReadYourWritesAsync(ObjectKey key, T cached, CancellationToken cancellationToken);

    /// <summary>Forgets what was written for <paramref name="key"/> (its object is gone).</summary>
    void Forget(ObjectKey key);
}
