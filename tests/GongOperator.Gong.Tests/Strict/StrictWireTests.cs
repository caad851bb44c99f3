using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using GongOperator.Gong.Tests.Support;
using GongOperator.Testing.Strict;

namespace GongOperator.Gong.Tests.Strict;

/// <summary>The client against the strict stand-in (raw sockets, Gong's public page), over real HTTP on the system clock.</summary>
public sealed class StrictWireTests
{
    private const string DocumentedBody = """{"integrationTypeSettings":[{"integrationType":"DIALER","allowedOrigin":"https://acme.partner.com"}]}""";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static string Version => typeof(GongClientOptions).Assembly.GetName().Version!.ToString(3);

    private static GongCompany CompanyOn(StrictGong gong) => new(gong.BaseUrl, new BasicCredentials("strict-key", Companies.Secret));

    private static async Task<RegistrationOutcome> RegisterAsync(GongClientHarness harness, StrictGong gong, string origin = "https://acme.partner.com") =>
        await harness.Register(CompanyOn(gong), origin).WaitAsync(Bound, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Every_POST_carries_a_buffered_body_with_its_length_and_the_documented_headers()
    {
        await using var gong = StrictGong.Start();
        await using var harness = new GongClientHarness(realClock: true);

        var outcome = await RegisterAsync(harness, gong);

        Assert.Empty(gong.Violations);
        Assert.IsType<Registered>(outcome);
        var request = Assert.Single(gong.Requests);
        Assert.Equal("POST /v2/integration-settings HTTP/1.1", request.RequestLine);
        Assert.Empty(request.ValuesOf("Transfer-Encoding"));
        Assert.Equal(request.Body.Length.ToString(CultureInfo.InvariantCulture), request.Header("Content-Length"));
        Assert.Equal(DocumentedBody, Encoding.UTF8.GetString(request.Body));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("application/json", request.Header("Accept"));
        Assert.Equal("gong-operator/" + Version, request.Header("User-Agent"));
    }

    [Fact]
    public async Task A_retried_POST_is_sent_whole_again_with_its_length()
    {
        await using var gong = StrictGong.Start();
        var answered = 0;
        gong.Answer = (_, _) => Task.FromResult(Interlocked.Increment(ref answered) == 1
            ? StrictGongAnswer.Html(503, "<html><body>Service Temporarily Unavailable</body></html>")
            : null);
        await using var harness = new GongClientHarness(o => o.MaxRetries = 1, realClock: true);

        var outcome = await RegisterAsync(harness, gong);

        Assert.IsType<Registered>(outcome);
        Assert.Empty(gong.Violations);
        Assert.Equal([503, 200], gong.Requests.Select(r => r.Status));
        Assert.All(gong.Requests, r => Assert.Equal(DocumentedBody, Encoding.UTF8.GetString(r.Body)));
    }

    [Fact]
    public async Task The_stand_in_refuses_a_chunked_body_as_a_gateway_does()
    {
        await using var gong = StrictGong.Start();
        using var http = new HttpClient { BaseAddress = gong.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/integration-settings")
        {
            // What the client sent before: a streamed JSON body, which HttpClient sends chunked.
            Content = JsonContent.Create(new { integrationTypeSettings = Array.Empty<object>() }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.UserAgent.ParseAdd("gong-operator/" + Version);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "t");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.LengthRequired, response.StatusCode);
        Assert.Contains(gong.Violations, v => v.Contains("Transfer-Encoding: chunked", StringComparison.Ordinal));
        Assert.Contains(gong.Violations, v => v.Contains("no Content-Length", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Content-Type", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("Accept", HttpStatusCode.NotAcceptable)]
    [InlineData("User-Agent", HttpStatusCode.BadRequest)]
    [InlineData("Authorization", HttpStatusCode.Unauthorized)]
    public async Task The_stand_in_refuses_a_request_without_a_required_header(string missing, HttpStatusCode expected)
    {
        await using var gong = StrictGong.Start();
        using var http = new HttpClient { BaseAddress = gong.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/integration-settings") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(DocumentedBody)) };
        if (missing != "Content-Type")
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (missing != "Accept")
        {
            request.Headers.Accept.ParseAdd("application/json");
        }

        if (missing != "User-Agent")
        {
            request.Headers.UserAgent.ParseAdd("gong-operator/" + Version);
        }

        if (missing != "Authorization")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "t");
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        Assert.Single(gong.Violations);
    }

    [Fact]
    public async Task The_stand_in_counts_arrivals_over_the_rate_in_a_sliding_second()
    {
        await using var gong = StrictGong.Start(ratePerSecond: 3);
        using var http = new HttpClient { BaseAddress = gong.BaseUrl };

        // Five at once: whatever the delays, all five arrive within one second; two are over a rate of three.
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v2/integration-settings") { Content = new StringContent(DocumentedBody, Encoding.UTF8, "application/json") };
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.UserAgent.ParseAdd("gong-operator/" + Version);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "t");
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }));

        Assert.Equal(2, gong.OverRateArrivals);
        Assert.Equal(2, answers.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(409)]
    [InlineData(502)]
    public async Task An_HTML_error_page_from_a_proxy_is_GongUnavailable_with_its_status(int status)
    {
        await using var gong = StrictGong.Start();
        gong.Answer = (_, _) => Task.FromResult<StrictGongAnswer?>(StrictGongAnswer.Html(status, "<html><head><title>Error</title></head><body><h1>nginx</h1></body></html>"));
        await using var harness = new GongClientHarness(o => o.MaxRetries = 0, realClock: true);

        var outcome = await RegisterAsync(harness, gong);

        var unavailable = Assert.IsType<Unavailable>(outcome);
        Assert.Equal(status, unavailable.StatusCode);
        Assert.Equal($"HTTP {status} answered with text/html, not Gong's JSON", unavailable.Reason);
        Assert.Empty(gong.Violations);
    }

    [Fact]
    public async Task A_429_page_from_a_proxy_still_closes_the_company_for_its_Retry_After()
    {
        await using var gong = StrictGong.Start();
        gong.Answer = (_, _) => Task.FromResult<StrictGongAnswer?>(new StrictGongAnswer(429, "text/html", "<html>Too Many Requests</html>", RetryAfterSeconds: 30));
        await using var harness = new GongClientHarness(realClock: true);
        var before = DateTimeOffset.UtcNow;

        var outcome = await RegisterAsync(harness, gong);

        Assert.InRange(Assert.IsType<RateLimited>(outcome).Until, before.AddSeconds(30), DateTimeOffset.UtcNow.AddSeconds(30));
    }

    [Theory]
    [InlineData("""{"integrationId":5517027188234205706}""", null)]
    [InlineData("""{"integrationId":5517027188234205706,"requestId":42,"errors":null,"new":{"nested":[true]}}""", "42")]
    [InlineData("""{"requestId":"r1","integrationId":"5517027188234205706","status":"OK"}""", "r1")]
    public async Task Unknown_fields_and_a_missing_or_odd_requestId_still_register_with_the_exact_id(string body, string? requestId)
    {
        await using var gong = StrictGong.Start();
        gong.Answer = (_, _) => Task.FromResult<StrictGongAnswer?>(StrictGongAnswer.Json(200, body));
        await using var harness = new GongClientHarness(realClock: true);

        var registered = Assert.IsType<Registered>(await RegisterAsync(harness, gong));

        Assert.Equal(5517027188234205706L, registered.IntegrationId);
        Assert.Equal(requestId, registered.RequestId);
    }

    [Theory]
    [InlineData("""{"requestId":"r1"}""", "HTTP 200 without an integrationId")]
    [InlineData("""{"requestId":"r1","integrationId":null}""", "HTTP 200 without an integrationId")]
    [InlineData("""{"requestId":"r1","integrationId":5.517027188234206E18}""", "HTTP 200 with an integrationId that is not a 64-bit integer")]
    [InlineData("""{"requestId":"r1","integrationId":9223372036854775808}""", "HTTP 200 with an integrationId that is not a 64-bit integer")]
    [InlineData("""{"requestId":"r1","integrationId":"abc"}""", "HTTP 200 with an integrationId that is not a 64-bit integer")]
    [InlineData("""{"requestId":"r1","integrationId":{"id":1}}""", "HTTP 200 with an integrationId that is not a 64-bit integer")]
    public async Task A_200_without_a_usable_integrationId_is_a_clear_outcome_that_keeps_the_requestId(string body, string reason)
    {
        await using var gong = StrictGong.Start();
        gong.Answer = (_, _) => Task.FromResult<StrictGongAnswer?>(StrictGongAnswer.Json(200, body));
        await using var harness = new GongClientHarness(realClock: true);

        var unavailable = Assert.IsType<Unavailable>(await RegisterAsync(harness, gong));

        Assert.Equal(reason, unavailable.Reason);
        Assert.Equal(200, unavailable.StatusCode);
        Assert.Equal("r1", unavailable.RequestId);
    }

    [Fact]
    public async Task A_call_that_gets_no_answer_ends_at_the_configured_timeout()
    {
        await using var gong = StrictGong.Start();
        gong.Answer = async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return null;
        };
        await using var harness = new GongClientHarness(
            o =>
            {
                o.MaxRetries = 0;
                o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
                o.TotalTimeout = TimeSpan.FromSeconds(1);
            },
            realClock: true);

        var unavailable = Assert.IsType<Unavailable>(await RegisterAsync(harness, gong));

        Assert.Equal("timeout", unavailable.Reason);
    }
}
