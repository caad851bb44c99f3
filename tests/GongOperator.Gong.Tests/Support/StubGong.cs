using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace GongOperator.Gong.Tests.Support;

/// <summary>An in-process stand-in for Gong's endpoint: answers with a test's responder and records every request.</summary>
public sealed class StubGong(TimeProvider time) : HttpMessageHandler
{
    private readonly ConcurrentQueue<StubRequest> _requests = new();

    /// <summary>Decides the answer; the default registers everything with one fixed id.</summary>
    public Func<StubRequest, CancellationToken, Task<HttpResponseMessage>> Responder { get; set; } =
        (_, _) => Task.FromResult(Json(HttpStatusCode.OK, """{"requestId":"req-ok","integrationId":5517027188234205706}"""));

    public IReadOnlyList<StubRequest> Requests => _requests.ToArray();

    public void Respond(Func<StubRequest, HttpResponseMessage> responder) =>
        Responder = (request, _) => Task.FromResult(responder(request));

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Stamped before any await: the budget granted this attempt synchronously just before, on the same clock.
        var at = time.GetUtcNow();
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new StubRequest(request.RequestUri!, request.Headers.Authorization?.ToString(), body, at);
        _requests.Enqueue(recorded);
        var response = await Responder(recorded, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
