namespace GongOperator.LocalCluster;

/// <summary>
/// A resource request as a <see cref="LocalApiServer.Intercept"/> hook sees it: the verb and the parsed URL.
/// <see cref="Method"/> is the HTTP method (GET, POST, PUT, PATCH, DELETE); <see cref="IsWatch"/> tells a watch from a
/// list or get; <see cref="Group"/> is empty for the core group; <see cref="Subresource"/> is e.g. <c>status</c>.
/// </summary>
public sealed record ApiRequestInfo(string Method, string Group, string Version, string? Namespace, string Resource, string? Name, string? Subresource, bool IsWatch);
