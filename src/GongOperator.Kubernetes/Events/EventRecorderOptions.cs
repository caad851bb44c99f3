namespace GongOperator.Kubernetes.Events;

/// <summary>Bounds of <see cref="EventRecorder"/>'s queue.</summary>
public sealed record EventRecorderOptions
{
    /// <summary>Default <see cref="QueueCapacity"/>: 1000, client-go's maxQueuedEvents.</summary>
    public const int DefaultQueueCapacity = 1000;

    /// <summary>Events waiting to be written, at most; an event recorded while the queue is full is dropped. Default 1000.</summary>
    public int QueueCapacity { get; init; } = DefaultQueueCapacity;

    /// <summary>How long a stop (<see cref="EventRecorder.DisposeAsync"/>) lets queued events be written before it drops the rest. Default 5 s.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
