namespace GongOperator.Kubernetes.Connection;

/// <summary>How to reach the API server: a kubeconfig (path and context) or the in-cluster service account; plus an optional client-side rate limit.</summary>
public sealed record KubernetesConnectionOptions
{
    /// <summary>
    /// Default <see cref="Qps"/>: 0, no client-side limit. controller-runtime switched its client-side throttling off
    /// (v0.21) and relies on the API server's priority and fairness, which sees every client and answers 429 with
    /// Retry-After when a flow is over its share; a limit in each client only caps one operator below what the
    /// server could take.
    /// </summary>
    public const double DefaultQps = 0;

    /// <summary>Default <see cref="Burst"/> when a <see cref="Qps"/> is set: 30 (controller-runtime's former pairing with 20 QPS).</summary>
    public const int DefaultBurst = 30;

    /// <summary>The largest <see cref="Qps"/> and <see cref="Burst"/> taken; above it a limit means nothing on one connection.</summary>
    public const int MaxRate = 10_000;

    /// <summary>Path of a kubeconfig. Null: KUBECONFIG, then in-cluster, then ~/.kube/config.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Context inside the kubeconfig. Null: its current-context.</summary>
    public string? Context { get; init; }

    /// <summary>Sustained client-side requests per second, 0 to <see cref="MaxRate"/>; 0 (the default) sets no client-side limit.</summary>
    public double Qps { get; init; } = DefaultQps;

    /// <summary>Requests allowed at once above the sustained rate, 1 to <see cref="MaxRate"/>; used only with a <see cref="Qps"/>. Default 30.</summary>
    public int Burst { get; init; } = DefaultBurst;

    /// <summary>User-Agent sent to the server (it becomes the field manager of non-apply writes). Optional.</summary>
    public string? UserAgent { get; init; }

    /// <summary>What is wrong with <see cref="Qps"/> or <see cref="Burst"/>, in one sentence; null when both are usable.</summary>
    public string? RateProblem() =>
        !double.IsFinite(Qps) || Qps < 0 || Qps > MaxRate ? $"the Kubernetes API QPS must be from 0 (no client-side limit) to {MaxRate}, not {Qps}"
        : Burst is < 1 or > MaxRate ? $"the Kubernetes API burst must be from 1 to {MaxRate}, not {Burst}"
        : null;
}
