namespace GongOperator.Kubernetes.Events;

/// <summary>One event to record: who it is about (involved object identity), what happened, and who says so.</summary>
internal sealed record EventSpec(
    string InvolvedKind,
    string InvolvedNamespace,
    string InvolvedName,
    string InvolvedUid,
    string Type,
    string Reason,
    string Message,
    string Component);
