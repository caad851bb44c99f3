using System.Globalization;
using GongOperator.Gong;
using GongOperator.Kubernetes.Connection;
using GongOperator.Reconciliation;

namespace GongOperator.Configuration;

/// <summary>The table of every <c>run</c> setting; flags, environment and appsettings all come from it.</summary>
internal static class OperatorSettings
{
    public static IReadOnlyList<OperatorSetting> All { get; } =
    [
        new("kubeconfig", "Path of a kubeconfig file (default: KUBECONFIG, else in-cluster config, else ~/.kube/config).", (o, v) => o with { Kubeconfig = v }),
        new("context", "kubeconfig context to use (default: its current context).", (o, v) => o with { Context = v }),
        new("kube-api-qps", $"Client-side limit of Kubernetes API requests a second, 0 to {KubernetesConnectionOptions.MaxRate}; 0 (the default) sets none and leaves throttling to the API server's priority and fairness.", (o, v) => o with { KubeApiQps = ParseNumber(v, 0, KubernetesConnectionOptions.MaxRate) }),
        new("kube-api-burst", $"Kubernetes API requests allowed at once above --kube-api-qps, 1 to {KubernetesConnectionOptions.MaxRate} (default {KubernetesConnectionOptions.DefaultBurst}); used only with --kube-api-qps.", (o, v) => o with { KubeApiBurst = ParseInt(v, 1, KubernetesConnectionOptions.MaxRate) }),
        new("namespaces", "Comma-separated namespaces to watch (default: all namespaces).", (o, v) => o with { Namespaces = ParseNamespaces(v) }),
        new("label-selector", "Manage only origins matching this label selector (for sharding).", (o, v) => o with { LabelSelector = ParseLabelSelector(v) }),
        new("workers", $"Concurrent reconciles (default {OperatorOptions.DefaultWorkers}).", (o, v) => o with { Workers = ParseInt(v, 1, 256) }),
        new("reassert-period", $"How often registered origins are re-asserted with Gong, e.g. 24h, 90m; 0 disables (default {Durations.Format(RegistrationPlanner.DefaultReassertPeriod)}).", (o, v) => o with { ReassertPeriod = ParseDuration(v) }),
        new("gong-base-url", $"Gong API base URL for credentials that name none (default {OperatorOptions.DefaultGongBaseUrl}).", (o, v) => o with { GongBaseUrl = ParseUrl(v) }),
        new("default-credentials-secret", "The operator-wide credentials Secret, as NAMESPACE/NAME.", (o, v) => o with { DefaultCredentialsSecret = ParseSecretName(v) }),
        new("default-credentials-namespace-selector", "Label selector on namespaces whose origins may use the default credentials Secret (default: every namespace, the trusting default).", (o, v) => o with { DefaultCredentialsNamespaceSelector = ParseLabelSelector(v) }),
        new("default-allowed-origin-suffixes", "Comma-separated host suffixes (such as .partner.com) that origins using the default credentials must be under (default: any origin).", (o, v) => o with { DefaultAllowedOriginSuffixes = ParseSuffixes(v) }),
        new("gong-oauth-token-url", $"Gong's OAuth token endpoint, for credentials Secrets with clientId, clientSecret and refreshToken (default {OAuth.OAuthOptions.DefaultTokenUrl}).", (o, v) => o with { GongOAuthTokenUrl = ParseUrl(v) }),
        new("oauth-state-namespace", "Namespace of the operator's OAuth state Secrets (default: the pod's namespace; outside a pod, default).", (o, v) => o with { OAuthStateNamespace = v }),
        new("gong-rate-per-second", $"Gong calls a second per company, above 0 and at most 1000 (default {GongClientOptions.DefaultCallsPerSecond}).", (o, v) => o with { GongRatePerSecond = ParseRate(v) }),
        new("gong-daily-quota", $"Gong calls a day per company (default {GongClientOptions.DefaultDailyQuota}).", (o, v) => o with { GongDailyQuota = ParseInt(v, 1, int.MaxValue) }),
        new("gong-pacing-margin", $"Added to the gap between two Gong calls to a company (1/rate), against network jitter, e.g. 50ms; 0 to 1s (default {Durations.Format(GongClientOptions.DefaultPacingMargin)}).", (o, v) => o with { GongPacingMargin = ParseDuration(v, TimeSpan.Zero, TimeSpan.FromSeconds(1)) }),
        new("gong-request-timeout", $"Timeout of one HTTP request to Gong, e.g. 10s; 100ms to 5m (default {Durations.Format(GongClientOptions.DefaultAttemptTimeout)}).", (o, v) => o with { GongRequestTimeout = ParseDuration(v, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5)) }),
        new("gong-batch-size", $"Origins sent together in one POST, 1 to {GongClientOptions.MaxBatchSizeLimit} (default {GongClientOptions.DefaultMaxBatchSize}).", (o, v) => o with { GongBatchSize = ParseInt(v, 1, GongClientOptions.MaxBatchSizeLimit) }),
        new("gong-batch-linger", $"How long a partial batch may wait for more origins once a company's budget allows a call, e.g. 2s; it leaves when full, {Durations.Format(GongClientOptions.BatchLingerQuietGap)} after the last arrival, or when its oldest origin has waited this. Fewer calls in a burst for that much latency; 0 to {Durations.Format(GongClientOptions.MaxBatchLingerLimit)} (default 0: a batch leaves as soon as the budget allows).", (o, v) => o with { GongBatchLinger = ParseDuration(v, TimeSpan.Zero, GongClientOptions.MaxBatchLingerLimit) }),
        new("registration-strategy", "incremental (each call carries new or changed origins) or fullSet (each call carries the company's whole set; deletion removes); a credentials Secret's registrationStrategy key wins (default incremental).", (o, v) => o with { RegistrationStrategy = ParseStrategy(v) }),
        new("gong-max-set-size", $"fullSet: a company's set larger than this is not sent, 1 to {GongClientOptions.MaxSetSizeLimit} (default {GongClientOptions.DefaultMaxSetSize}).", (o, v) => o with { GongMaxSetSize = ParseInt(v, 1, GongClientOptions.MaxSetSizeLimit) }),
        new("leader-elect", "Elect a leader on a Lease so only one replica acts.", (o, v) => o with { LeaderElect = ParseBool(v) }, IsSwitch: true),
        new("leader-election-namespace", "Namespace of the leader-election Lease (default: the pod's namespace; outside a pod, default).", (o, v) => o with { LeaderElectionNamespace = v }),
        new("leader-election-id", $"Name of the leader-election Lease (default {OperatorOptions.DefaultLeaderElectionId}).", (o, v) => o with { LeaderElectionId = v }),
        new("metrics-bind-address", $"Address of /metrics, e.g. :8080 or 127.0.0.1:8080; 0 disables (default {OperatorOptions.DefaultMetricsBindAddress}).", (o, v) => o with { MetricsBindAddress = ParseBindAddress(v) }),
        new("health-probe-bind-address", $"Address of /healthz and /readyz; 0 disables (default {OperatorOptions.DefaultHealthProbeBindAddress}).", (o, v) => o with { HealthProbeBindAddress = ParseBindAddress(v) }),
        new("log-format", "json (default) or text.", (o, v) => o with { LogFormat = OneOf(v, "json", "text") }),
        new("log-level", "trace, debug, info (default), warn, error (or Trace, Debug, Information, Warning, Error).", (o, v) => o with { LogLevel = ParseLogLevel(v) }),
    ];

    private static int ParseInt(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"'{value}' is not a whole number from {min} to {max}");

    private static double ParseNumber(string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"'{value}' is not a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

    // The Gong client's own bounds, so that a rate the flag takes never fails the client's validation at start.
    private static double ParseRate(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= 1000
            ? n
            : throw new FormatException($"'{value}' is not a number above 0 and at most 1000");

    private static bool ParseBool(string value) =>
        bool.TryParse(value, out var b) ? b : throw new FormatException($"'{value}' is not true or false");

    private static TimeSpan ParseDuration(string value) =>
        Durations.TryParse(value, out var d) ? d : throw new FormatException($"'{value}' is not a duration such as 24h, 90m or 0");

    private static TimeSpan ParseDuration(string value, TimeSpan min, TimeSpan max) =>
        Durations.TryParse(value, out var d) && d >= min && d <= max
            ? d
            : throw new FormatException($"'{value}' is not a duration from {Durations.Format(min)} to {Durations.Format(max)}, such as 50ms, 10s or 1m");

    // What GongCompany accepts: a base URL it would refuse later would fail every origin instead of the start.
    private static Uri ParseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? uri
            : throw new FormatException($"'{value}' is not an http(s) URL without query, fragment or user info");

    private static string? ParseSecretName(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var parts = value.Split('/');
        return parts.Length == 2 && parts.All(IsDnsLabel)
            ? value
            : throw new FormatException($"'{value}' is not NAMESPACE/NAME");
    }

    private static List<string> ParseNamespaces(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var bad = names.FirstOrDefault(n => !IsDnsLabel(n));
        return bad is null ? names : throw new FormatException($"'{bad}' is not a namespace name");
    }

    /// <summary>Reads "incremental" or "fullSet" (the flag's and the Secret key's one spelling).</summary>
    public static RegistrationStrategyKind ParseStrategy(string value)
    {
        var kind = value switch
        {
            "incremental" => RegistrationStrategyKind.Incremental,
            "fullSet" => RegistrationStrategyKind.FullSet,
            _ => throw new FormatException($"'{value}' is not a registration strategy; use incremental or fullSet"),
        };

        // Whether a strategy is available is the Gong client's rule; the flag only names it.
        return GongClientOptions.StrategyProblem(kind) is { } problem ? throw new FormatException($"'{value}': {problem}") : kind;
    }

    private static IReadOnlyList<string>? ParseSuffixes(string value) =>
        value.Trim().Length == 0 ? null
        : OriginSuffixes.Parse(value, out var problem) ?? throw new FormatException(problem);

    private static string? ParseLabelSelector(string value) =>
        value.Trim().Length == 0 ? null
        : LabelSelectors.Problem(value) is { } problem ? throw new FormatException($"'{value}' is not a label selector: {problem}")
        : value;

    private static string ParseBindAddress(string value)
    {
        if (value == "0")
        {
            return value;
        }

        var colon = value.LastIndexOf(':');
        var host = colon >= 0 ? value[..colon] : "";
        return colon >= 0
            && int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            && (host.Length == 0 || host == "*" || System.Net.IPAddress.TryParse(host, out _))
            ? value
            : throw new FormatException($"'{value}' is not an address such as :8080, 0.0.0.0:8080 or 127.0.0.1:8080 (an IP, not a host name)");
    }

    private static string ParseLogLevel(string value) => value.ToUpperInvariant() switch
    {
        "TRACE" => "Trace",
        "DEBUG" => "Debug",
        "INFO" or "INFORMATION" => "Information",
        "WARN" or "WARNING" => "Warning",
        "ERROR" => "Error",
        "CRITICAL" => "Critical",
        _ => throw new FormatException($"'{value}' is not a log level (trace, debug, info, warn, error)"),
    };

    private static string OneOf(string value, params string[] allowed) =>
        allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException($"'{value}' is not one of {string.Join(", ", allowed)}");

    private static bool IsDnsLabel(string name) =>
        name.Length is > 0 and <= 253
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]);
}
