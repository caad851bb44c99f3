using Microsoft.Extensions.Options;

namespace GongOperator.Gong;

/// <summary>Checks every option and the rules between them; all failures are reported at once, naming the option.</summary>
internal sealed class GongClientOptionsValidator : IValidateOptions<GongClientOptions>
{
    public ValidateOptionsResult Validate(string? name, GongClientOptions options)
    {
        var failures = new List<string>();
        // Written as negations so that NaN fails too.
        if (!(options.CallsPerSecond is > 0 and <= 1000))
        {
            failures.Add($"{nameof(options.CallsPerSecond)} must be above 0 and at most 1000.");
        }

        Check(options.PacingMargin >= TimeSpan.Zero && options.PacingMargin <= TimeSpan.FromSeconds(1), nameof(options.PacingMargin), "must be between 0 and 1 second.");
        Check(options.Burst is >= 1 and <= 1000, nameof(options.Burst), "must be between 1 and 1000.");
        Check(options.DailyQuota >= 1, nameof(options.DailyQuota), "must be at least 1.");
        Check(options.MaxBatchSize is >= 1 and <= GongClientOptions.MaxBatchSizeLimit, nameof(options.MaxBatchSize), $"must be between 1 and {GongClientOptions.MaxBatchSizeLimit}.");
        Check(options.BatchLinger >= TimeSpan.Zero && options.BatchLinger <= GongClientOptions.MaxBatchLingerLimit, nameof(options.BatchLinger), $"must be between 0 and {GongClientOptions.MaxBatchLingerLimit.TotalSeconds:0} seconds.");
        Check(options.MaxSetSize is >= 1 and <= GongClientOptions.MaxSetSizeLimit, nameof(options.MaxSetSize), $"must be between 1 and {GongClientOptions.MaxSetSizeLimit}.");
        Check(options.AttemptTimeout >= TimeSpan.FromMilliseconds(10) && options.AttemptTimeout <= TimeSpan.FromHours(1), nameof(options.AttemptTimeout), "must be between 10 ms and 1 hour.");
        Check(options.TotalTimeout >= options.AttemptTimeout && options.TotalTimeout <= TimeSpan.FromHours(1), nameof(options.TotalTimeout), "must be at least AttemptTimeout and at most 1 hour.");
        Check(options.MaxRetries is >= 0 and <= 10, nameof(options.MaxRetries), "must be between 0 and 10.");
        Check(options.RetryBaseDelay >= TimeSpan.Zero && options.RetryBaseDelay <= TimeSpan.FromMinutes(1), nameof(options.RetryBaseDelay), "must be between 0 and 1 minute.");
        Check(options.RetryAfterWhenMissing > TimeSpan.Zero && options.RetryAfterWhenMissing <= TimeSpan.FromHours(1), nameof(options.RetryAfterWhenMissing), "must be above 0 and at most 1 hour.");
        if (!(options.CircuitBreakerFailureRatio is > 0 and <= 1))
        {
            failures.Add($"{nameof(options.CircuitBreakerFailureRatio)} must be above 0 and at most 1.");
        }

        Check(options.CircuitBreakerMinimumThroughput >= 2, nameof(options.CircuitBreakerMinimumThroughput), "must be at least 2.");
        Check(options.CircuitBreakerSamplingDuration >= TimeSpan.FromMilliseconds(500), nameof(options.CircuitBreakerSamplingDuration), "must be at least 500 ms.");
        Check(options.CircuitBreakerBreakDuration >= TimeSpan.FromMilliseconds(500), nameof(options.CircuitBreakerBreakDuration), "must be at least 500 ms.");
        if (GongClientOptions.StrategyProblem(options.Strategy) is { } strategy)
        {
            failures.Add($"{nameof(options.Strategy)} {strategy}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(bool ok, string option, string rule)
        {
            if (!ok)
            {
                failures.Add(option + " " + rule);
            }
        }
    }
}
