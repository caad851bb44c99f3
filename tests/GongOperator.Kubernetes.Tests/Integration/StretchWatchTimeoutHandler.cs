using System.Text.RegularExpressions;

namespace GongOperator.Kubernetes.Tests.Integration;

/// <summary>
/// Test double of a misbehaving proxy: rewrites a watch's timeoutSeconds to an hour, so a stalled stream is not closed
/// by the server at the client's timeout and only the client's own stall detection can end it.
/// </summary>
internal sealed partial class StretchWatchTimeoutHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.Query.Contains("watch=true", StringComparison.Ordinal))
        {
            request.RequestUri = new Uri(TimeoutParameter().Replace(uri.ToString(), "timeoutSeconds=3600"));
        }

        return base.SendAsync(request, cancellationToken);
    }

    [GeneratedRegex("timeoutSeconds=\\d+")]
    private static partial Regex TimeoutParameter();
}
