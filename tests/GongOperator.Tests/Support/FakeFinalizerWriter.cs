using GongOperator.Kubernetes.Controllers;
using GongOperator.Reconciliation;
using GongOperator.Resources;

namespace GongOperator.Tests.Support;

/// <summary>Adds and releases the fullSet finalizer on a <see cref="FakeOriginStore"/>'s objects; a release may be made to fail once.</summary>
public sealed class FakeFinalizerWriter(FakeOriginStore store) : IFinalizerWriter
{
    public List<(string Action, bool RemovedFromGong)> Patches { get; } = [];

    /// <summary>Thrown by the next release, then cleared (the API server unavailable for one patch).</summary>
    public Exception? NextReleaseFailure { get; set; }

    public Task AddAsync(ObjectKey key, GongIntegrationOrigin origin, CancellationToken cancellationToken)
    {
        Patches.Add(("add", false));
        var held = store.Get(key)!;
        held.Metadata.Finalizers = [.. held.Metadata.Finalizers ?? [], FullSetRegistration.Finalizer];
        store.Put(held);
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(ObjectKey key, GongIntegrationOrigin origin, bool removedFromGong, CancellationToken cancellationToken)
    {
        if (NextReleaseFailure is { } failure)
        {
            NextReleaseFailure = null;
            throw failure;
        }

        Patches.Add(("release", removedFromGong));
        if (origin.Metadata.DeletionTimestamp is not null)
        {
            store.Delete(key);
        }
        else
        {
            var released = store.Get(key)!;
            released.Metadata.Finalizers = [.. (released.Metadata.Finalizers ?? []).Where(f => f != FullSetRegistration.Finalizer)];
            store.Put(released);
        }

        return Task.CompletedTask;
    }
}
