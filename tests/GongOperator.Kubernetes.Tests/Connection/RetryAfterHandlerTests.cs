using System.Net;
using System.Net.Http.Headers;
using GongOperator.Kubernetes.Connection;
using GongOperator.Testing;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Kubernetes.Tests.Connection;

/// <summary>What a caller of a client from KubernetesConnection sees when the API server says "retry after".</summary>
public sealed class RetryAfterHandlerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_503_with_Retry_After_is_sent_again_with_its_body_once_that_time_has_passed()
    {
        var clock = new FakeTimeProvider();
        var time = new TimerWatchingTimeProvider(clock);
        var server = new ScriptedServer(ShuttingDown(retryAfterSeconds: 1), Ok());
        using var invoker = Invoker(server, time);
        var ct = TestContext.Current.CancellationToken;

        var pending = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Put, "http://x/apis/g/v1/things/a") { Content = new StringContent("""{"spec":1}""") }, ct);
        await time.TimerCreated.WaitAsync(Bound, ct);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(pending.IsCompleted);
        Assert.Single(server.Bodies);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        using var response = await pending.WaitAsync(Bound, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["""{"spec":1}""", """{"spec":1}"""], server.Bodies);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task A_429_or_any_5xx_with_Retry_After_is_retried(HttpStatusCode status)
    {
        var server = new ScriptedServer(WithRetryAfter(status, 0), Ok());
        using var invoker = Invoker(server, new FakeTimeProvider());

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://x/api/v1/namespaces"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, server.Bodies.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    [InlineData(HttpStatusCode.Conflict, true)]
    [InlineData(HttpStatusCode.NotFound, true)]
    public async Task Other_answers_reach_the_caller_at_once(HttpStatusCode status, bool withRetryAfter)
    {
        var answer = withRetryAfter ? WithRetryAfter(status, 0) : new HttpResponseMessage(status);
        var server = new ScriptedServer(answer, Ok());
        using var invoker = Invoker(server, new FakeTimeProvider());

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://x/api/v1/namespaces"), TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Single(server.Bodies);
    }

    [Fact]
    public async Task A_server_that_keeps_answering_503_gets_ten_retries_then_the_caller_sees_the_503()
    {
        var server = new ScriptedServer(Enumerable.Range(0, 20).Select(_ => ShuttingDown(retryAfterSeconds: 0)).ToArray());
        using var invoker = Invoker(server, new FakeTimeProvider());

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://x/api/v1/namespaces"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1 + RetryAfter.MaxRetries, server.Bodies.Count);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_bound_is_left_to_the_caller()
    {
        var server = new ScriptedServer(ShuttingDown(retryAfterSeconds: 120), Ok());
        using var invoker = Invoker(server, new FakeTimeProvider());

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://x/api/v1/namespaces"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(server.Bodies);
    }

    [Fact]
    public async Task A_streamed_body_is_not_sent_twice()
    {
        var server = new ScriptedServer(ShuttingDown(retryAfterSeconds: 0), Ok());
        using var invoker = Invoker(server, new FakeTimeProvider());
        using var body = new MemoryStream("""{"spec":1}"""u8.ToArray());

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://x/apis/g/v1/things") { Content = new StreamContent(body) }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Single(server.Bodies);
    }

    [Fact]
    public void Retry_After_as_an_HTTP_date_is_the_time_until_then()
    {
        var now = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(2), RetryAfter.DelayFor(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(now.AddSeconds(2)), now));
        Assert.Equal(TimeSpan.Zero, RetryAfter.DelayFor(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(now.AddSeconds(-5)), now));
        Assert.Null(RetryAfter.DelayFor(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(now.AddMinutes(5)), now));
    }

    [Fact]
    public async Task A_client_from_KubernetesConnection_rides_out_the_503_of_a_CRD_storage_swap()
    {
        var clock = new FakeTimeProvider();
        var time = new TimerWatchingTimeProvider(clock);
        var reads = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/apis/gongoperator.io/v1alpha1/namespaces/team-a/gongintegrationorigins/acme", (HttpContext context) =>
        {
            if (Interlocked.Increment(ref reads) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return Results.Text("""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"apiserver is shutting down","reason":"ServiceUnavailable","code":503}""", "application/json", statusCode: 503);
            }

            return Results.Text("""{"apiVersion":"gongoperator.io/v1alpha1","kind":"GongIntegrationOrigin","metadata":{"name":"acme","namespace":"team-a"}}""", "application/json");
        });
        var ct = TestContext.Current.CancellationToken;
        await app.StartAsync(ct);
        using var client = KubernetesConnection.CreateClient(new KubernetesClientConfiguration { Host = app.Urls.Single() }, new KubernetesConnectionOptions { Qps = 0 }, time);

        var pending = client.CustomObjects.GetNamespacedCustomObjectAsync("gongoperator.io", "v1alpha1", "team-a", "gongintegrationorigins", "acme", ct);
        await time.TimerCreated.WaitAsync(Bound, ct);
        Assert.Equal(1, reads);
        clock.Advance(TimeSpan.FromSeconds(1));

        var origin = await pending.WaitAsync(Bound, ct);
        Assert.Contains("\"name\":\"acme\"", origin.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, reads);
    }

    private static HttpMessageInvoker Invoker(HttpMessageHandler server, TimeProvider time) =>
        new(new RetryAfterHandler(time) { InnerHandler = server });

    private static HttpResponseMessage ShuttingDown(int retryAfterSeconds) =>
        WithRetryAfter(HttpStatusCode.ServiceUnavailable, retryAfterSeconds, """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"apiserver is shutting down","reason":"ServiceUnavailable","code":503}""");

    private static HttpResponseMessage WithRetryAfter(HttpStatusCode status, int seconds, string body = "{}")
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        return response;
    }

    private static HttpResponseMessage Ok(string body = "{}") => new(HttpStatusCode.OK) { Content = new StringContent(body) };

    /// <summary>Answers each request with the next scripted response and keeps the bodies it received.</summary>
    private sealed class ScriptedServer(params HttpResponseMessage[] answers) : HttpMessageHandler
    {
        private readonly Queue<HttpResponseMessage> _answers = new(answers);

        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
            return _answers.Dequeue();
        }
    }
}
