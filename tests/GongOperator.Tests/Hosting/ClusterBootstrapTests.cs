using System.Net;
using System.Net.Http.Headers;
using GongOperator.Hosting;
using GongOperator.Kubernetes.Connection;
using GongOperator.Testing;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Tests.Hosting;

/// <summary>The CRD installer (laptop mode, the end-to-end tests) against a server that asks it to come back later.</summary>
public sealed class ClusterBootstrapTests
{
    private const string CrdPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_CRD_installer_waits_out_a_503_with_Retry_After_and_then_installs()
    {
        var clock = new FakeTimeProvider();
        var time = new TimerWatchingTimeProvider(clock);
        var server = new ScriptedServer(
            ShuttingDown(retryAfterSeconds: 1),
            Status(HttpStatusCode.NotFound, "NotFound"),
            request => new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent(new StreamReader(request.Content!.ReadAsStream()).ReadToEnd()) });
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://cluster.invalid" }, server);
        var ct = TestContext.Current.CancellationToken;

        var install = ClusterBootstrap.InstallCrdAsync(client, ct, time);
        await time.TimerCreated.WaitAsync(Bound, ct);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(["GET " + CrdPath + "/gongintegrationorigins.gongoperator.io"], server.Requests);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await install.WaitAsync(Bound, ct);

        Assert.Equal(
            ["GET " + CrdPath + "/gongintegrationorigins.gongoperator.io", "GET " + CrdPath + "/gongintegrationorigins.gongoperator.io", "POST " + CrdPath],
            server.Requests);
    }

    [Fact]
    public async Task The_CRD_installer_gives_up_after_a_bounded_number_of_retries()
    {
        var server = new ScriptedServer(Enumerable.Range(0, 20).Select(_ => ShuttingDown(retryAfterSeconds: 0)).ToArray());
        using var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = "http://cluster.invalid" }, server);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ClusterBootstrap.InstallCrdAsync(client, TestContext.Current.CancellationToken, new FakeTimeProvider()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Response.StatusCode);
        Assert.Equal(1 + RetryAfter.MaxRetries, server.Requests.Count);
    }

    private static Func<HttpRequestMessage, HttpResponseMessage> ShuttingDown(int retryAfterSeconds) => _ =>
    {
        var response = Status(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "apiserver is shutting down")(null!);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds));
        return response;
    };

    private static Func<HttpRequestMessage, HttpResponseMessage> Status(HttpStatusCode code, string reason, string message = "") => _ => new HttpResponseMessage(code)
    {
        Content = new StringContent($$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"{{message}}","reason":"{{reason}}","code":{{(int)code}}}"""),
    };

    /// <summary>The end of the client's handler chain: answers each request with the next scripted answer.</summary>
    private sealed class ScriptedServer(params Func<HttpRequestMessage, HttpResponseMessage>[] answers) : DelegatingHandler
    {
        private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _answers = new(answers);

        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.Method + " " + request.RequestUri!.AbsolutePath);
            var response = _answers.Dequeue()(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
