using System.Net;
using GongOperator.Kubernetes.Connection;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Kubernetes.Tests.Connection;

public sealed class ClientRateLimitHandlerTests
{
    [Fact]
    public async Task Requests_beyond_the_burst_wait_for_the_next_token()
    {
        var time = new FakeTimeProvider();
        using var handler = new ClientRateLimitHandler(qps: 2, burst: 2, time) { InnerHandler = new OkHandler() };
        using var invoker = new HttpMessageInvoker(handler);
        var ct = TestContext.Current.CancellationToken;

        using var first = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://x/1"), ct);
        using var second = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://x/2"), ct);
        var third = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://x/3"), ct);

        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await third.WaitAsync(TimeSpan.FromSeconds(20), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed class OkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }
}
