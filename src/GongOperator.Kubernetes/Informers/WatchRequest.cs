namespace GongOperator.Kubernetes.Informers;

/// <summary>Parameters of one watch call (bookmarks are always asked for).</summary>
public sealed record WatchRequest(string? LabelSelector, string ResourceVersion, int TimeoutSeconds);
