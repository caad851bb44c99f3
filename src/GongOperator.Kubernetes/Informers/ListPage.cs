namespace GongOperator.Kubernetes.Informers;

/// <summary>One page of a list: the items, the list's resourceVersion, and the continue token (null on the last page).</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue);
