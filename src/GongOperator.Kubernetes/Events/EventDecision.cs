namespace GongOperator.Kubernetes.Events;

/// <summary>What the recorder should do with an event.</summary>
internal enum EventAction
{
    /// <summary>Create a new Event object.</summary>
    Create,

    /// <summary>Bump count and lastTimestamp of an existing Event object.</summary>
    Patch,

    /// <summary>Spam filter: drop it.</summary>
    Drop,
}

/// <summary>The aggregator's verdict: action, Event object name, count, message (maybe combined) and timestamps.</summary>
internal sealed record EventDecision(
    EventAction Action,
    string Key,
    string Name,
    int Count,
    string Message,
    DateTimeOffset FirstTimestamp,
    DateTimeOffset LastTimestamp);
