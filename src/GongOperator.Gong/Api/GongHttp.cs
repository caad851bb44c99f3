using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using GongOperator.Gong.Budget;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace GongOperator.Gong.Api;

/// <summary>The named HttpClient and its resilience pipeline (one instance per company, selected by pipeline key).</summary>
internal static class GongHttp
{
    public const string ClientName = "GongOperator.Gong";

    public const string PipelineName = "gong";

    /// <summary>
    /// <c>gong-operator/VERSION</c>, so that Gong (and any gateway before it) can tell whose calls these are. The version
    /// is the assembly's, without the build metadata after '+'.
    /// </summary>
    public static readonly ProductInfoHeaderValue UserAgent = new(
        "gong-operator",
        (typeof(GongHttp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0]);

    public static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, GongClientOptions options)
    {
        // Outer to inner: total timeout, retry, circuit breaker, attempt timeout. The circuit breaker sits
        // inside the retry so that each attempt counts, and a retry never goes through an open circuit.
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // 429 is not retried in-call: it is handed back with its time and closes the company.
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            });
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "circuit",
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
        });
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
    }

    /// <summary>Transient: 5xx, 408, connection failures and attempt timeouts. Never 400/401/403/409/429, never a closed budget.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        HttpRequestException => true,
        TimeoutRejectedException => true,
        null => outcome.Result is { } response && IsTransientStatus(response.StatusCode),
        _ => false,
    };

    private static bool IsTransientStatus(HttpStatusCode code) => GongAnswers.IsTransient((int)code);

    /// <summary>The pipeline key of a request: one per company, so each company has its own circuit.</summary>
    public static string SelectPipelineKey(HttpRequestMessage request) =>
        request.Options.TryGetValue(GongRequestOptions.PipelineKey, out var key) ? key : string.Empty;

    internal static CompanyBudget? BudgetOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(GongRequestOptions.Budget, out var budget) ? budget : null;
}
