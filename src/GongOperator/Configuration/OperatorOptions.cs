using GongOperator.Gong;
using GongOperator.Kubernetes.Connection;
using GongOperator.Reconciliation;

namespace GongOperator.Configuration;

/// <summary>
/// Everything <c>gong-operator run</c> can be told (the flag table is <see cref="OperatorSettings"/>). Defaults that
/// belong to a component are that component's constants (<see cref="GongClientOptions"/>, <see cref="RegistrationPlanner"/>,
/// <see cref="KubernetesConnectionOptions"/>),
/// never repeated here. Values come from flags, <c>GONG_OPERATOR_*</c> environment variables
/// or appsettings.json (section "Operator"), in rising order of precedence: appsettings, environment, flags.
/// </summary>
public sealed record OperatorOptions
{
    /// <summary>Default <see cref="Workers"/>: 4 concurrent reconciles.</summary>
    public const int DefaultWorkers = 4;

    /// <summary>Default <see cref="GongBaseUrl"/>.</summary>
    public const string DefaultGongBaseUrl = "https://api.gong.io";

    /// <summary>Default metrics address (controller-runtime's).</summary>
    public const string DefaultMetricsBindAddress = ":8080";

    /// <summary>Default health probe address (controller-runtime's).</summary>
    public const string DefaultHealthProbeBindAddress = ":8081";

    /// <summary>Default Lease name for leader election.</summary>
    public const string DefaultLeaderElectionId = "gong-operator";

    /// <summary>Path of a kubeconfig; null: in-cluster config, else ~/.kube/config.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>kubeconfig context; null: the current context.</summary>
    public string? Context { get; init; }

    /// <summary>Client-side limit of Kubernetes API requests a second; 0 (the default): none, the API server's priority and fairness throttles.</summary>
    public double KubeApiQps { get; init; } = KubernetesConnectionOptions.DefaultQps;

    /// <summary>Kubernetes API requests allowed at once above <see cref="KubeApiQps"/> (default 30); used only with a QPS.</summary>
    public int KubeApiBurst { get; init; } = KubernetesConnectionOptions.DefaultBurst;

    /// <summary>Namespaces to watch; empty: all namespaces.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>Only origins matching this label selector are managed (for sharding large fleets).</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Concurrent reconciles (default 4).</summary>
    public int Workers { get; init; } = DefaultWorkers;

    /// <summary>Period of re-assertion of registered origins (default 24 h); zero disables it.</summary>
    public TimeSpan ReassertPeriod { get; init; } = RegistrationPlanner.DefaultReassertPeriod;

    /// <summary>Gong API base URL used when a credentials Secret names none.</summary>
    public Uri GongBaseUrl { get; init; } = new(DefaultGongBaseUrl);

    /// <summary>The operator-wide credentials Secret, as namespace/name; null: every origin must name its own.</summary>
    public string? DefaultCredentialsSecret { get; init; }

    /// <summary>
    /// Label selector on namespaces: only origins in matching namespaces may use <see cref="DefaultCredentialsSecret"/>;
    /// null: every namespace may (the trusting default).
    /// </summary>
    public string? DefaultCredentialsNamespaceSelector { get; init; }

    /// <summary>Host suffixes (such as .partner.com) origins using the default Secret must be under; null: any origin.</summary>
    public IReadOnlyList<string>? DefaultAllowedOriginSuffixes { get; init; }

    /// <summary>Gong's OAuth token endpoint, where refresh tokens of OAuth credentials Secrets are spent.</summary>
    public Uri GongOAuthTokenUrl { get; init; } = new(OAuth.OAuthOptions.DefaultTokenUrl);

    /// <summary>Namespace of the operator's OAuth state Secrets; null: the pod's namespace (in a cluster), else "default".</summary>
    public string? OAuthStateNamespace { get; init; }

    /// <summary>Calls a second per Gong company (default 3).</summary>
    public double GongRatePerSecond { get; init; } = GongClientOptions.DefaultCallsPerSecond;

    /// <summary>Calls a day per Gong company (default 10,000).</summary>
    public int GongDailyQuota { get; init; } = GongClientOptions.DefaultDailyQuota;

    /// <summary>Added to the gap between two calls to a company (1 / rate) and to its one-second window (default 50 ms).</summary>
    public TimeSpan GongPacingMargin { get; init; } = GongClientOptions.DefaultPacingMargin;

    /// <summary>Timeout of one HTTP request to Gong (default 10 s); a call with its retries gets that per attempt.</summary>
    public TimeSpan GongRequestTimeout { get; init; } = GongClientOptions.DefaultAttemptTimeout;

    /// <summary>Origins per POST (default 100).</summary>
    public int GongBatchSize { get; init; } = GongClientOptions.DefaultMaxBatchSize;

    /// <summary>How long a partial batch may wait for more origins once the budget allows a call (default 0: it leaves at once); the Gong client's <see cref="GongClientOptions.BatchLinger"/>.</summary>
    public TimeSpan GongBatchLinger { get; init; } = TimeSpan.Zero;

    /// <summary>fullSet: the most origins one call may carry; the Gong client's <see cref="GongClientOptions.MaxSetSize"/>.</summary>
    public int GongMaxSetSize { get; init; } = GongClientOptions.DefaultMaxSetSize;

    /// <summary>Registration strategy of companies whose Secret names none (default incremental); the Gong client's <see cref="GongClientOptions.Strategy"/>.</summary>
    public RegistrationStrategyKind RegistrationStrategy { get; init; } = RegistrationStrategyKind.Incremental;

    /// <summary>Run leader election on a Lease, so only one replica acts.</summary>
    public bool LeaderElect { get; init; }

    /// <summary>Namespace of the Lease; null: the pod's namespace (in cluster) or "default".</summary>
    public string? LeaderElectionNamespace { get; init; }

    /// <summary>Name of the Lease (default gong-operator).</summary>
    public string LeaderElectionId { get; init; } = DefaultLeaderElectionId;

    /// <summary>Address of /metrics (default :8080); "0" disables it.</summary>
    public string MetricsBindAddress { get; init; } = DefaultMetricsBindAddress;

    /// <summary>Address of /healthz and /readyz (default :8081); "0" disables it.</summary>
    public string HealthProbeBindAddress { get; init; } = DefaultHealthProbeBindAddress;

    /// <summary>"json" (default) or "text".</summary>
    public string LogFormat { get; init; } = "json";

    /// <summary>Minimum log level (default Information).</summary>
    public string LogLevel { get; init; } = "Information";
}
