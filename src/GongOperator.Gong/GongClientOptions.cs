namespace GongOperator.Gong;

/// <summary>Settings of the Gong client; validated at start-up. Defaults are the named constants.</summary>
public sealed class GongClientOptions
{
    /// <summary>Gong's documented default: 3 calls a second per company.</summary>
    public const double DefaultCallsPerSecond = 3;

    /// <summary>Calls allowed back to back before the per-second pace applies: 1 keeps every one-second window at or under CallsPerSecond.</summary>
    public const int DefaultBurst = 1;

    /// <summary>Added to the gap between two calls to a company (1 / CallsPerSecond) against network jitter: 50 ms.</summary>
    public static readonly TimeSpan DefaultPacingMargin = TimeSpan.FromMilliseconds(50);

    /// <summary>Gong's documented default: 10,000 calls a day per company.</summary>
    public const int DefaultDailyQuota = 10_000;

    /// <summary>Origins per POST at most.</summary>
    public const int DefaultMaxBatchSize = 100;

    /// <summary>Default <see cref="MaxSetSize"/>: the most origins one fullSet call may carry.</summary>
    public const int DefaultMaxSetSize = 1000;

    /// <summary>The largest <see cref="MaxSetSize"/> accepted.</summary>
    public const int MaxSetSizeLimit = 100_000;

    /// <summary>The largest <see cref="MaxBatchSize"/> accepted (the one range, used by the validator and the operator's flag).</summary>
    public const int MaxBatchSizeLimit = 1000;

    /// <summary>The largest <see cref="BatchLinger"/> accepted (the one range, used by the validator and the operator's flag): 30 seconds.</summary>
    public static readonly TimeSpan MaxBatchLingerLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// With a <see cref="BatchLinger"/>, a partial batch leaves once no origin has arrived for this long (or for the
    /// linger, when that is shorter): 250 ms. Origins of one burst (an apply of many manifests, an informer's list)
    /// arrive milliseconds apart, so a quarter second still gathers them, while a lone origin on an idle company waits
    /// this, not the whole linger.
    /// </summary>
    public static readonly TimeSpan BatchLingerQuietGap = TimeSpan.FromMilliseconds(250);

    /// <summary>Timeout of one HTTP attempt: 10 seconds.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one call including its retries and their backoff: 45 seconds.</summary>
    public static readonly TimeSpan DefaultTotalTimeout = TimeSpan.FromSeconds(45);

    /// <summary>In-call retries of transient failures (5xx, 408, timeouts, resets): 2.</summary>
    public const int DefaultMaxRetries = 2;

    /// <summary>Base delay of the jittered exponential retry backoff: 500 ms.</summary>
    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a 429 without a readable Retry-After closes the company: 1 second.</summary>
    public static readonly TimeSpan DefaultRetryAfterWhenMissing = TimeSpan.FromSeconds(1);

    /// <summary>Failure ratio within the sampling duration that opens a company's circuit: 0.5.</summary>
    public const double DefaultCircuitBreakerFailureRatio = 0.5;

    /// <summary>Attempts within the sampling duration before the circuit may open: 4.</summary>
    public const int DefaultCircuitBreakerMinimumThroughput = 4;

    /// <summary>Window over which the circuit breaker counts failures: 60 seconds.</summary>
    public static readonly TimeSpan DefaultCircuitBreakerSamplingDuration = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit refuses calls to the company: 30 seconds.</summary>
    public static readonly TimeSpan DefaultCircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);

    /// <summary>Calls per second per company (default <see cref="DefaultCallsPerSecond"/>); Gong support can change a company's limit.</summary>
    public double CallsPerSecond { get; set; } = DefaultCallsPerSecond;

    /// <summary>Token bucket capacity (default <see cref="DefaultBurst"/>).</summary>
    public int Burst { get; set; } = DefaultBurst;

    /// <summary>
    /// Added to the gap between two calls to a company and to the one-second window (default <see cref="DefaultPacingMargin"/>),
    /// so that calls delayed unevenly on their way never look like more than CallsPerSecond in one second to Gong.
    /// </summary>
    public TimeSpan PacingMargin { get; set; } = DefaultPacingMargin;

    /// <summary>Calls per UTC day per company (default <see cref="DefaultDailyQuota"/>); the window resets at 00:00 UTC.</summary>
    public int DailyQuota { get; set; } = DefaultDailyQuota;

    /// <summary>Origins per POST at most (default <see cref="DefaultMaxBatchSize"/>).</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>
    /// How long a partial batch may wait for more origins once the budget allows a call, 0 to
    /// <see cref="MaxBatchLingerLimit"/>; zero (the default) sends what waits as soon as the budget allows. With a
    /// linger the batch leaves when it is full, when no origin has arrived for <see cref="BatchLingerQuietGap"/> (or
    /// the linger, if shorter), or when its oldest origin has waited the linger, whichever comes first: fewer calls in
    /// a burst for at most that much latency.
    /// </summary>
    public TimeSpan BatchLinger { get; set; } = TimeSpan.Zero;

    /// <summary>Timeout of one HTTP attempt (default <see cref="DefaultAttemptTimeout"/>).</summary>
    public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;

    /// <summary>Timeout of one call with its retries (default <see cref="DefaultTotalTimeout"/>).</summary>
    public TimeSpan TotalTimeout { get; set; } = DefaultTotalTimeout;

    /// <summary>In-call retries of transient failures; 0 disables them (default <see cref="DefaultMaxRetries"/>).</summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>Base delay of the retry backoff (default <see cref="DefaultRetryBaseDelay"/>).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = DefaultRetryBaseDelay;

    /// <summary>Block after a 429 without Retry-After (default <see cref="DefaultRetryAfterWhenMissing"/>).</summary>
    public TimeSpan RetryAfterWhenMissing { get; set; } = DefaultRetryAfterWhenMissing;

    /// <summary>Circuit breaker failure ratio (default <see cref="DefaultCircuitBreakerFailureRatio"/>).</summary>
    public double CircuitBreakerFailureRatio { get; set; } = DefaultCircuitBreakerFailureRatio;

    /// <summary>Circuit breaker minimum throughput (default <see cref="DefaultCircuitBreakerMinimumThroughput"/>).</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = DefaultCircuitBreakerMinimumThroughput;

    /// <summary>Circuit breaker sampling duration (default <see cref="DefaultCircuitBreakerSamplingDuration"/>).</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = DefaultCircuitBreakerSamplingDuration;

    /// <summary>Circuit breaker break duration (default <see cref="DefaultCircuitBreakerBreakDuration"/>).</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = DefaultCircuitBreakerBreakDuration;

    /// <summary>
    /// Under <see cref="RegistrationStrategyKind.FullSet"/>, a company whose set is larger is not called: its origins are
    /// answered <see cref="SetTooLarge"/> (default <see cref="DefaultMaxSetSize"/>).
    /// </summary>
    public int MaxSetSize { get; set; } = DefaultMaxSetSize;

    /// <summary>The registration strategy of companies that name none (default <see cref="RegistrationStrategyKind.Incremental"/>).</summary>
    public RegistrationStrategyKind Strategy { get; set; } = RegistrationStrategyKind.Incremental;

    /// <summary>Null when <paramref name="kind"/> can be used, else why not (the one rule; the validator and the operator's flag report it).</summary>
    public static string? StrategyProblem(RegistrationStrategyKind kind) => kind switch
    {
        RegistrationStrategyKind.Incremental or RegistrationStrategyKind.FullSet => null,
        _ => $"must be {RegistrationStrategyKind.Incremental} or {RegistrationStrategyKind.FullSet}.",
    };
}
