namespace GongOperator.OAuth;

/// <summary>A state as read from or written to the store, with the version an update must name (optimistic concurrency).</summary>
/// <param name="State">The state.</param>
/// <param name="Version">The state Secret's resourceVersion.</param>
public sealed record StoredAuthorization(AuthorizationState State, string Version);
