namespace GongOperator.LocalCluster.Server;

/// <summary>Watch-only query options.</summary>
internal sealed record WatchRequest(bool AllowBookmarks, int? TimeoutSeconds, bool? SendInitialEvents);
