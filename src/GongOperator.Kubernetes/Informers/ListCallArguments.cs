namespace GongOperator.Kubernetes.Informers;

/// <summary>The arguments a list-or-watch call passes to KubernetesClient's generated <c>List…WithHttpMessagesAsync</c> methods.</summary>
public sealed record ListCallArguments(
    bool Watch,
    string? LabelSelector,
    string? ResourceVersion,
    int? Limit,
    string? Continue,
    int? TimeoutSeconds,
    bool? AllowWatchBookmarks);
