using System.Globalization;

namespace GongOperator.Gong.Metrics;

/// <summary>Counts and times every HTTP attempt by status code (or "timeout"/"error" when there was none).</summary>
internal sealed class MetricsHandler(TimeProvider time, GongMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        string code = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response;
        }
        catch (OperationCanceledException)
        {
            code = "timeout";
            throw;
        }
        finally
        {
            metrics.ObserveCall(code, time.GetElapsedTime(started));
        }
    }
}
