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
