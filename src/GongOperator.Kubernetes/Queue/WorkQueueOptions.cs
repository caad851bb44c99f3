namespace GongOperator.Kubernetes.Queue;

/// <summary>Settings of a <see cref="WorkQueue{T}"/>; the defaults are client-go's default controller rate limiter.</summary>
public sealed record WorkQueueOptions
{
    /// <summary>Default <see cref="BaseDelay"/>: 5 ms.</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>Default <see cref="MaxDelay"/>: 1000 s.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(1000);

    /// <summary>Name used as the <c>name</c> label of the workqueue_* metrics. Default "default".</summary>
    public string Name { get; set; } = "default";

    /// <summary>First per-item retry delay; doubles with each failure (5 ms·2^n). Default 5 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = DefaultBaseDelay;

    /// <summary>Cap of the per-item retry delay. Default 1000 s.</summary>
    public TimeSpan MaxDelay { get; set; } = DefaultMaxDelay;

    /// <summary>Overall retry rate (tokens per second) shared by all items. Default 10.</summary>
    public double RetryRatePerSecond { get; set; } = 10;

    /// <summary>Burst of the overall retry bucket. Default 100.</summary>
    public int RetryBurst { get; set; } = 100;
}
