using GongOperator.Kubernetes.Events;
using GongOperator.Resources;
using Microsoft.Extensions.Logging;

namespace GongOperator.Reconciliation;

/// <summary>
/// Says once, from the replica that acts, that a deleted origin is no longer managed: in incremental mode Gong's API
/// cannot remove an origin, so no finalizer holds the object and Gong keeps it.
/// </summary>
/// <param name="events">Where the StoppedManaging Event goes.</param>
/// <param name="acting">True on the replica that acts (the leader, or the only one).</param>
/// <param name="logger">Where the log line goes.</param>
public sealed class DeletionNotice(IEventRecorder events, Func<bool> acting, ILogger<DeletionNotice> logger)
{
    /// <summary>The Event reason.</summary>
    public const string Reason = "StoppedManaging";

    /// <summary>Called by the origins informer for every deleted origin.</summary>
    public void OnDeleted(GongIntegrationOrigin deleted)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        if (!acting())
        {
            return;
        }

        var registered = deleted.Status?.RegisteredOrigin;
        if (registered is null)
        {
            Log.StoppedManagingNeverRegistered(logger, deleted.Metadata.NamespaceProperty, deleted.Metadata.Name, deleted.Spec?.AllowedOrigin);
        }
        else
        {
            Log.StoppedManaging(logger, deleted.Metadata.NamespaceProperty, deleted.Metadata.Name, registered);
        }

        _ = events.RecordAsync(deleted, EventTypes.Normal, Reason, Message(deleted), CancellationToken.None);
    }

    /// <summary>What the Event says: Gong keeps only what was sent to it, and what it keeps is what status says was registered.</summary>
    public static string Message(GongIntegrationOrigin deleted)
    {
        ArgumentNullException.ThrowIfNull(deleted);
        if (deleted.Metadata.Annotations?.TryGetValue(FullSetRegistration.RemovedAnnotation, out var removed) == true && removed == "true")
        {
            return $"Deleted: the operator no longer manages {deleted.Spec?.AllowedOrigin} for {deleted.Spec?.IntegrationType}. Gong no longer has it: the company's set was sent without it (fullSet).";
        }

        var registered = deleted.Status?.RegisteredOrigin;
        if (registered is null)
        {
            return $"Deleted: the operator no longer manages {deleted.Spec?.AllowedOrigin} for {deleted.Spec?.IntegrationType}. It was never registered with Gong, so Gong has nothing of it to keep.";
        }

        return $"Deleted: the operator no longer manages {deleted.Spec?.AllowedOrigin} for {deleted.Spec?.IntegrationType}. Gong keeps {registered} for {deleted.Status!.RegisteredIntegrationType}: its API cannot remove an origin.";
    }
}
