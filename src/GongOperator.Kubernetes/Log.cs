using Microsoft.Extensions.Logging;

namespace GongOperator.Kubernetes;

/// <summary>The library's log messages (source-generated). EventIds 1000–1999 belong to this assembly.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Informer {Informer} synced with {Count} objects")]
    public static partial void InformerSynced(ILogger logger, string informer, int count);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Informer {Informer} scope {Scope}: resourceVersion {ResourceVersion} expired (410), relisting")]
    public static partial void WatchExpired(ILogger logger, string informer, string scope, string resourceVersion);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Informer {Informer} scope {Scope}: list/watch failed, retrying in {Backoff}")]
    public static partial void ListWatchFailed(ILogger logger, string informer, string scope, TimeSpan backoff, Exception exception);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Informer {Informer}: error in watch stream")]
    public static partial void WatchStreamError(ILogger logger, string informer, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Informer {Informer} scope {Scope}: watch silent for {Idle}, restarting it")]
    public static partial void WatchStalled(ILogger logger, string informer, string scope, TimeSpan idle);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Informer {Informer}: event handler failed")]
    public static partial void HandlerFailed(ILogger logger, string informer, Exception exception);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Controller {Controller}: reconcile of {Key} failed, retrying with back-off")]
    public static partial void ReconcileFailed(ILogger logger, string controller, string key, Exception exception);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Controller {Controller}: reconcile of {Key} failed terminally, not retrying")]
    public static partial void ReconcileTerminal(ILogger logger, string controller, string key, Exception exception);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Controller {Controller}: started {Workers} workers")]
    public static partial void ControllerStarted(ILogger logger, string controller, int workers);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Controller {Controller}: {Count} reconciles still running after the {Timeout} shutdown bound; cancelling them")]
    public static partial void ShutdownTimedOut(ILogger logger, string controller, int count, TimeSpan timeout);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information, Message = "Controller {Controller}: stopped")]
    public static partial void ControllerStopped(ILogger logger, string controller);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Leader election {Lease}: {Identity} became leader")]
    public static partial void BecameLeader(ILogger logger, string lease, string identity);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Leader election {Lease}: {Identity} lost the lease")]
    public static partial void LostLease(ILogger logger, string lease, string identity);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information, Message = "Leader election {Lease}: leader is now {Leader}")]
    public static partial void NewLeader(ILogger logger, string lease, string leader);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Warning, Message = "Leader election {Lease}: error")]
    public static partial void ElectionError(ILogger logger, string lease, Exception exception);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Information, Message = "Leader election {Lease}: {Identity} released the lease")]
    public static partial void Released(ILogger logger, string lease, string identity);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Warning, Message = "Leader election {Lease}: could not release the lease")]
    public static partial void ReleaseFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Event recorder: could not write event {Reason} for {Object}")]
    public static partial void EventWriteFailed(ILogger logger, string reason, string @object, Exception exception);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Debug, Message = "Event recorder: dropped event {Reason} for {Object} (rate limit)")]
    public static partial void EventDropped(ILogger logger, string reason, string @object);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Debug, Message = "Event recorder: event {Reason} for {Object} not written: namespace {Namespace} is gone or terminating")]
    public static partial void EventNamespaceGone(ILogger logger, string reason, string @object, string @namespace);

    [LoggerMessage(EventId = 1033, Level = LogLevel.Warning, Message = "Event recorder: {Capacity} events wait to be written; new events are dropped until the queue has room")]
    public static partial void EventQueueFull(ILogger logger, int capacity);

    [LoggerMessage(EventId = 1034, Level = LogLevel.Debug, Message = "Event recorder: dropped event {Reason} for {Object} (queue full or recorder stopped)")]
    public static partial void EventNotQueued(ILogger logger, string reason, string @object);

    [LoggerMessage(EventId = 1035, Level = LogLevel.Warning, Message = "Event recorder: stopped after {DrainTimeout} with {Count} events not written")]
    public static partial void EventDrainTimedOut(ILogger logger, TimeSpan drainTimeout, int count);
}
