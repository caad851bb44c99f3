using GongOperator.Kubernetes.Controllers;
using GongOperator.Resources;

namespace GongOperator.Reconciliation;

/// <summary>Adds and releases the fullSet finalizer (<see cref="FullSetRegistration.Finalizer"/>); the seam a reconciler's unit tests fake.</summary>
public interface IFinalizerWriter
{
    /// <summary>Adds the finalizer to <paramref name="origin"/> (a copy as cached); a conflict throws, and the reconcile is retried.</summary>
    Task AddAsync(ObjectKey key, GongIntegrationOrigin origin, CancellationToken cancellationToken);

    /// <summary>Removes the finalizer; with <paramref name="removedFromGong"/>, marks the object so its deletion Event can say so.</summary>
    Task ReleaseAsync(ObjectKey key, GongIntegrationOrigin origin, bool removedFromGong, CancellationToken cancellationToken);
}
