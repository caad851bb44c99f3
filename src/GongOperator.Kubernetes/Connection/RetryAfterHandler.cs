namespace GongOperator.Kubernetes.Connection;

/// <summary>
/// Sends a request again when the API server answers "retry after" (see <see cref="RetryAfter"/>), so every caller
/// of a client from <see cref="KubernetesConnection"/> (informers, status writes, events, leader election) rides out a
/// brief 503 instead of failing and backing off.
/// </summary>
internal sealed class RetryAfterHandler(TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var retries = 0; ; retries++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (retries >= RetryAfter.MaxRetries
                || !CanSendAgain(request)
                || RetryAfter.DelayFor(response.StatusCode, response.Headers.RetryAfter, time.GetUtcNow()) is not { } delay)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    // KubernetesClient sends bodies as StringContent, which can be read again; a streamed body could not be
    // (client-go likewise does not retry a request whose body is an opaque reader).
    private static bool CanSendAgain(HttpRequestMessage request) => request.Content is null or ByteArrayContent;
}
