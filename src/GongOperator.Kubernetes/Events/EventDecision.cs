namespace GongOperator.Kubernetes.Events;

/// <summary>The aggregator's verdict: action, Event object name, count, message (maybe combined) and timestamps.</summary>
internal sealed record EventDecision(
    EventAction Action,
    string Key,
    string Name,
    int Count,
    string Message,
    DateTimeOffset FirstTimestamp,
    DateTimeOffset LastTimestamp);
