using Microsoft.Extensions.Logging;

namespace GongOperator.Kubernetes;

/// <summary>The library's log messages (source-generated). EventIds 1000–1999 belong to this assembly.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Informer {Informer} synced with {Count} objects")]
    public static partial void InformerSynced(ILogger logger, string informer, int count);

    [LoggerMessage(1002, LogLevel.Information, "Informer {Informer} scope {Scope}: resourceVersion {ResourceVersion} expired (410), relisting")]
    public static partial void WatchExpired(ILogger logger, string informer, string scope, string resourceVersion);

    [LoggerMessage(1003, LogLevel.Warning, "Informer {Informer} scope {Scope}: list/watch failed, retrying in {Backoff}")]
    public static partial void ListWatchFailed(ILogger logger, string informer, string scope, TimeSpan backoff, Exception exception);

    [LoggerMessage(1004, LogLevel.Warning, "Informer {Informer}: error in watch stream")]
    public static partial void WatchStreamError(ILogger logger, string informer, Exception exception);

    [LoggerMessage(1005, LogLevel.Warning, "Informer {Informer} scope {Scope}: watch silent for {Idle}, restarting it")]
    public static partial void WatchStalled(ILogger logger, string informer, string scope, TimeSpan idle);

    [LoggerMessage(1006, LogLevel.Error, "Informer {Informer}: event handler failed")]
    public static partial void HandlerFailed(ILogger logger, string informer, Exception exception);

    [LoggerMessage(1010, LogLevel.Error, "Controller {Controller}: reconcile of {Key} failed, retrying with back-off")]
    public static partial void ReconcileFailed(ILogger logger, string controller, string key, Exception exception);

    [LoggerMessage(1011, LogLevel.Error, "Controller {Controller}: reconcile of {Key} failed terminally, not retrying")]
    public static partial void ReconcileTerminal(ILogger logger, string controller, string key, Exception exception);

    [LoggerMessage(1012, LogLevel.Information, "Controller {Controller}: started {Workers} workers")]
    public static partial void ControllerStarted(ILogger logger, string controller, int workers);

    [LoggerMessage(1013, LogLevel.Warning, "Controller {Controller}: {Count} reconciles still running after the {Timeout} shutdown bound; cancelling them")]
    public static partial void ShutdownTimedOut(ILogger logger, string controller, int count, TimeSpan timeout);

    [LoggerMessage(1014, LogLevel.Information, "Controller {Controller}: stopped")]
    public static partial void ControllerStopped(ILogger logger, string controller);

    [LoggerMessage(1020, LogLevel.Information, "Leader election {Lease}: {Identity} became leader")]
    public static partial void BecameLeader(ILogger logger, string lease, string identity);

    [LoggerMessage(1021, LogLevel.Warning, "Leader election {Lease}: {Identity} lost the lease")]
    public static partial void LostLease(ILogger logger, string lease, string identity);

    [LoggerMessage(1022, LogLevel.Information, "Leader election {Lease}: leader is now {Leader}")]
    public static partial void NewLeader(ILogger logger, string lease, string leader);

    [LoggerMessage(1023, LogLevel.Warning, "Leader election {Lease}: error")]
    public static partial void ElectionError(ILogger logger, string lease, Exception exception);

    [LoggerMessage(1024, LogLevel.Information, "Leader election {Lease}: {Identity} released the lease")]
    public static partial void Released(ILogger logger, string lease, string identity);

    [LoggerMessage(1025, LogLevel.Warning, "Leader election {Lease}: could not release the lease")]
    public static partial void ReleaseFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(1030, LogLevel.Warning, "Event recorder: could not write event {Reason} for {Object}")]
    public static partial void EventWriteFailed(ILogger logger, string reason, string @object, Exception exception);

    [LoggerMessage(1031, LogLevel.Debug, "Event recorder: dropped event {Reason} for {Object} (rate limit)")]
    public static partial void EventDropped(ILogger logger, string reason, string @object);

    [LoggerMessage(1032, LogLevel.Debug, "Event recorder: event {Reason} for {Object} not written: namespace {Namespace} is gone or terminating")]
    public static partial void EventNamespaceGone(ILogger logger, string reason, string @object, string @namespace);

    [LoggerMessage(1033, LogLevel.Warning, "Event recorder: {Capacity} events wait to be written; new events are dropped until the queue has room")]
    public static partial void EventQueueFull(ILogger logger, int capacity);

    [LoggerMessage(1034, LogLevel.Debug, "Event recorder: dropped event {Reason} for {Object} (queue full or recorder stopped)")]
    public static partial void EventNotQueued(ILogger logger, string reason, string @object);

    [LoggerMessage(1035, LogLevel.Warning, "Event recorder: stopped after {DrainTimeout} with {Count} events not written")]
    public static partial void EventDrainTimedOut(ILogger logger, TimeSpan drainTimeout, int count);
}
