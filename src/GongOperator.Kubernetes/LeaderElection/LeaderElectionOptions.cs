namespace GongOperator.Kubernetes.LeaderElection;

/// <summary>Lease-based leader election settings; durations default to client-go's / controller-runtime's 15 s / 10 s / 2 s.</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>Default <see cref="LeaseDuration"/>: 15 s.</summary>
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(15);

    /// <summary>Default <see cref="RenewDeadline"/>: 10 s.</summary>
    public static readonly TimeSpan DefaultRenewDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Default <see cref="RetryPeriod"/>: 2 s.</summary>
    public static readonly TimeSpan DefaultRetryPeriod = TimeSpan.FromSeconds(2);

    /// <summary>Name of the coordination.k8s.io/v1 Lease.</summary>
    public required string LeaseName { get; set; }

    /// <summary>Namespace of the Lease.</summary>
    public required string LeaseNamespace { get; set; }

    /// <summary>This replica's identity (holderIdentity). Default: host name plus a random suffix.</summary>
    public string Identity { get; set; } = Environment.MachineName + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>How long a standby waits after it last saw the lease change before taking it. Default 15 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = DefaultLeaseDuration;

    /// <summary>How long the leader keeps retrying a failed renewal before it gives up leading. Default 10 s.</summary>
    public TimeSpan RenewDeadline { get; set; } = DefaultRenewDeadline;

    /// <summary>Wait between acquire/renew attempts. Default 2 s.</summary>
    public TimeSpan RetryPeriod { get; set; } = DefaultRetryPeriod;

    /// <summary>On a clean stop, write an empty holder so a standby takes over at once. Default true.</summary>
    public bool ReleaseOnCancel { get; set; } = true;

    /// <summary>Throws when the durations break client-go's rule: lease &gt; renew deadline &gt; 1.2 × retry period.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(LeaseName);
        ArgumentException.ThrowIfNullOrEmpty(LeaseNamespace);
        ArgumentException.ThrowIfNullOrEmpty(Identity);
        if (LeaseDuration <= RenewDeadline)
        {
            throw new ArgumentException($"LeaseDuration ({LeaseDuration}) must be greater than RenewDeadline ({RenewDeadline}).");
        }

        if (RenewDeadline <= RetryPeriod * 1.2)
        {
            throw new ArgumentException($"RenewDeadline ({RenewDeadline}) must be greater than 1.2 × RetryPeriod ({RetryPeriod}).");
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("LeaseDuration must be at least 1 s (the Lease stores whole seconds).");
        }
    }
}
