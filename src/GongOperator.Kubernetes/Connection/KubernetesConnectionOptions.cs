namespace GongOperator.Kubernetes.Connection;

/// <summary>How to reach the API server: a kubeconfig (path and context) or the in-cluster service account; plus client-side rate limits.</summary>
public sealed record KubernetesConnectionOptions
{
    /// <summary>Default <see cref="Qps"/>: 20 requests/s (controller-runtime's default; client-go's bare 5 is too low for an operator's relists).</summary>
    public const double DefaultQps = 20;

    /// <summary>Default <see cref="Burst"/>: 30 (controller-runtime's default).</summary>
    public const int DefaultBurst = 30;

    /// <summary>Path of a kubeconfig. Null: KUBECONFIG, then in-cluster, then ~/.kube/config.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Context inside the kubeconfig. Null: its current-context.</summary>
    public string? Context { get; init; }

    /// <summary>Sustained client-side requests per second; 0 or less disables the client-side limit. Default 20.</summary>
    public double Qps { get; init; } = DefaultQps;

    /// <summary>Requests allowed at once above the sustained rate. Default 30.</summary>
    public int Burst { get; init; } = DefaultBurst;

    /// <summary>User-Agent sent to the server (it becomes the field manager of non-apply writes). Optional.</summary>
    public string? UserAgent { get; init; }
}
