using GongOperator.Kubernetes.Queue;

namespace GongOperator.Kubernetes.Controllers;

/// <summary>Settings of a <see cref="Controller{T}"/>.</summary>
public sealed record ControllerOptions
{
    /// <summary>Default <see cref="GracefulShutdownTimeout"/>: 30 s.</summary>
    public static readonly TimeSpan DefaultGracefulShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Unique controller name: the <c>controller</c> label of the metrics and the work queue's name.</summary>
    public required string Name { get; set; }

    /// <summary>Reconciles running at once (on different keys; one key is never reconciled concurrently). Default 1.</summary>
    public int MaxConcurrentReconciles { get; set; } = 1;

    /// <summary>How long a stop waits for in-flight reconciles before cancelling their token. Default 30 s.</summary>
    public TimeSpan GracefulShutdownTimeout { get; set; } = DefaultGracefulShutdownTimeout;

    /// <summary>Back-off and rate limit of retries; the queue name is set to <see cref="Name"/>.</summary>
    public WorkQueueOptions WorkQueue { get; set; } = new();
}
