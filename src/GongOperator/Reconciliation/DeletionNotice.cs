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

        Log.StoppedManaging(logger, deleted.Metadata.NamespaceProperty, deleted.Metadata.Name, deleted.Spec?.AllowedOrigin);
        _ = events.RecordAsync(deleted, EventTypes.Normal, Reason, $"Deleted: the operator no longer manages {deleted.Spec?.AllowedOrigin} for {deleted.Spec?.IntegrationType}. Gong keeps the origin: its API cannot remove one.", CancellationToken.None);
    }
}
