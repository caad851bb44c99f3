namespace GongOperator.Kubernetes.Informers;

/// <summary>Parameters of one list call.</summary>
public sealed record ListRequest(string? LabelSelector, string? ResourceVersion, int? Limit, string? Continue);
