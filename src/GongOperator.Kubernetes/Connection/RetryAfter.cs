using System.Net;
using System.Net.Http.Headers;
using k8s.Autorest;

namespace GongOperator.Kubernetes.Connection;

/// <summary>
/// The API server's "come back in a moment": a 429 or any 5xx that carries <c>Retry-After</c> is sent again after the
/// time it names, as client-go's REST client does (for example the 503 "apiserver is shutting down" with
/// <c>Retry-After: 1</c> that a real server answers while it swaps a custom resource's storage after a CRD schema
/// change). Bounded: at most <see cref="MaxRetries"/> retries per call, and a wait longer than <see cref="MaxDelay"/>
/// is not waited out here but handed to the caller, whose own back-off (informer, work queue) takes over.
/// Answers without <c>Retry-After</c> are never retried here.
/// </summary>
public static class RetryAfter
{
    /// <summary>Retries per call: client-go's default (<c>maxRetries = 10</c>).</summary>
    public const int MaxRetries = 10;

    /// <summary>The longest Retry-After waited out in place.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>The wait before sending again, or null when this answer is not to be retried.</summary>
    public static TimeSpan? DelayFor(HttpStatusCode status, RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        if ((status != HttpStatusCode.TooManyRequests && (int)status < 500) || retryAfter is null)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : null);
        if (delay is not { } wait)
        {
            return null;
        }

        // A date already past means "now".
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        return wait <= MaxDelay ? wait : null;
    }

    /// <summary>
    /// Runs <paramref name="call"/>, and runs it again when it fails with a retryable answer (see the type's summary).
    /// For clients built elsewhere; clients from <see cref="KubernetesConnection.CreateClient(KubernetesConnectionOptions, TimeProvider?)"/>
    /// already retry every request.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var time = timeProvider ?? TimeProvider.System;
        for (var retries = 0; ; retries++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (retries < MaxRetries && DelayFor(e, time.GetUtcNow()) is { } delay)
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc cref="RetryAsync{T}(Func{CancellationToken, Task{T}}, CancellationToken, TimeProvider?)"/>
    public static Task RetryAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RetryAsync<bool>(
            async ct =>
            {
                await call(ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            timeProvider);
    }

    private static TimeSpan? DelayFor(HttpOperationException e, DateTimeOffset now)
    {
        if (e.Response is not { } response)
        {
            return null;
        }

        var header = response.Headers?
            .FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase))
            .Value?.FirstOrDefault();
        return RetryConditionHeaderValue.TryParse(header, out var retryAfter) ? DelayFor(response.StatusCode, retryAfter, now) : null;
    }
}
