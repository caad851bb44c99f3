using GongOperator.Kubernetes.Queue;

namespace GongOperator.Kubernetes.Connection;

/// <summary>Client-side QPS/burst limit for every request KubernetesClient sends (client-go's token bucket limiter).</summary>
internal sealed class ClientRateLimitHandler(double qps, int burst, TimeProvider time) : DelegatingHandler
{
    private readonly TokenBucket _bucket = new(qps, burst, time);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var wait = _bucket.Reserve();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
