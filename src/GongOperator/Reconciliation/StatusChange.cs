namespace GongOperator.Reconciliation;

/// <summary>The result of applying a step to an origin's status: whether it changed, and the Event a state change deserves.</summary>
public sealed record StatusChange(bool Changed, OriginEvent? Event);

/// <summary>A Kubernetes Event to record about an origin.</summary>
public sealed record OriginEvent(string Type, string Reason, string Message);
