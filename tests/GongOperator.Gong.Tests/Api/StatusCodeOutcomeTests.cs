using System.Net;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Api;

public sealed class StatusCodeOutcomeTests
{
    private const string ErrorBody = """{"requestId":"req-err","errors":["something Gong said"],"extra":true}""";

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, typeof(Rejected))]
    [InlineData(HttpStatusCode.Unauthorized, typeof(Unauthorized))]
    [InlineData(HttpStatusCode.Forbidden, typeof(Unauthorized))]
    [InlineData(HttpStatusCode.Conflict, typeof(AlreadyRegistered))]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(RateLimited))]
    [InlineData(HttpStatusCode.InternalServerError, typeof(Unavailable))]
    [InlineData(HttpStatusCode.BadGateway, typeof(Unavailable))]
    [InlineData(HttpStatusCode.ServiceUnavailable, typeof(Unavailable))]
    [InlineData(HttpStatusCode.NotFound, typeof(Unavailable))]
    public async Task Each_status_code_gives_its_outcome_with_Gongs_requestId_and_errors(HttpStatusCode status, Type expected)
    {
        await using var harness = new GongClientHarness(o => o.MaxRetries = 0);
        harness.Gong.Respond(_ => StubGong.Json(status, ErrorBody));

        var outcome = await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com"));

        Assert.IsType(expected, outcome);
        Assert.Equal("req-err", outcome.RequestId);
        Assert.Equal(["something Gong said"], outcome.Errors);
        if (outcome is Unauthorized unauthorized)
        {
            Assert.Equal((int)status, unauthorized.StatusCode);
        }

        if (outcome is Unavailable unavailable)
        {
            Assert.Equal((int)status, unavailable.StatusCode);
            Assert.Equal("HTTP " + (int)status, unavailable.Reason);
        }
    }

    [Fact]
    public async Task A_200_gives_Registered()
    {
        await using var harness = new GongClientHarness();

        var outcome = await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com"));

        var registered = Assert.IsType<Registered>(outcome);
        Assert.Equal(5517027188234205706L, registered.IntegrationId);
        Assert.Equal("req-ok", registered.RequestId);
        Assert.Empty(registered.Errors);
    }

    [Theory]
    [InlineData("not json at all", "HTTP 200 answered with application/json, not Gong's JSON")]
    [InlineData("""["a list"]""", "HTTP 200 answered with application/json, not Gong's JSON")]
    [InlineData("""{"requestId":"r"}""", "HTTP 200 without an integrationId")]
    [InlineData("", "HTTP 200 without an integrationId")]
    public async Task A_200_without_a_readable_id_gives_Unavailable(string body, string reason)
    {
        await using var harness = new GongClientHarness();
        harness.Gong.Respond(_ => StubGong.Json(HttpStatusCode.OK, body));

        var outcome = await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com"));

        var unavailable = Assert.IsType<Unavailable>(outcome);
        Assert.Equal(reason, unavailable.Reason);
        Assert.Single(harness.Gong.Requests);
    }

    [Fact]
    public async Task An_error_answer_whose_body_is_not_Gongs_JSON_is_not_Gongs_verdict()
    {
        await using var harness = new GongClientHarness();
        harness.Gong.Respond(_ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("<html>oops</html>", System.Text.Encoding.UTF8, "text/html") });

        var outcome = await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com"));

        var unavailable = Assert.IsType<Unavailable>(outcome);
        Assert.Equal(400, unavailable.StatusCode);
        Assert.Equal("HTTP 400 answered with text/html, not Gong's JSON", unavailable.Reason);
    }

    [Fact]
    public async Task An_error_answer_without_a_body_keeps_its_status_meaning()
    {
        await using var harness = new GongClientHarness();
        harness.Gong.Respond(_ => new HttpResponseMessage(HttpStatusCode.BadRequest));

        var outcome = await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com"));

        Assert.IsType<Rejected>(outcome);
        Assert.Null(outcome.RequestId);
        Assert.Empty(outcome.Errors);
    }

    [Fact]
    public async Task A_connection_reset_gives_Unavailable_after_the_retries()
    {
        await using var harness = new GongClientHarness(o => o.MaxRetries = 2);
        harness.Gong.Responder = (_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "reset by peer");

        var outcome = await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com"));

        var unavailable = Assert.IsType<Unavailable>(outcome);
        Assert.StartsWith("connection failed", unavailable.Reason, StringComparison.Ordinal);
        Assert.Equal(3, harness.Gong.Requests.Count);
    }

    [Fact]
    public async Task An_attempt_that_hangs_times_out_on_the_clock_and_gives_Unavailable()
    {
        await using var harness = new GongClientHarness(o =>
        {
            o.MaxRetries = 0;
            // Two minutes: reachable within Drive's bound only on the fake clock, which proves the pipeline uses it.
            o.AttemptTimeout = TimeSpan.FromMinutes(2);
        });
        harness.Gong.Responder = async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        };

        var outcome = await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com"), TimeSpan.FromSeconds(5));

        var unavailable = Assert.IsType<Unavailable>(outcome);
        Assert.Equal("timeout", unavailable.Reason);
        Assert.True(harness.Time.GetUtcNow() - GongClientHarness.Start >= TimeSpan.FromMinutes(2));
        Assert.Single(harness.Gong.Requests);
    }

    [Fact]
    public async Task A_transient_5xx_is_retried_and_then_succeeds()
    {
        await using var harness = new GongClientHarness(o => o.MaxRetries = 2);
        var calls = 0;
        harness.Gong.Respond(_ => Interlocked.Increment(ref calls) == 1
            ? StubGong.Json(HttpStatusCode.ServiceUnavailable, ErrorBody)
            : StubGong.Json(HttpStatusCode.OK, """{"requestId":"second","integrationId":42}"""));

        var outcome = await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com"));

        Assert.Equal(42, Assert.IsType<Registered>(outcome).IntegrationId);
        Assert.Equal(2, harness.Gong.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Business_answers_are_never_retried_in_call(HttpStatusCode status)
    {
        await using var harness = new GongClientHarness(o => o.MaxRetries = 3);
        harness.Gong.Respond(_ => StubGong.Json(status, ErrorBody));

        await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com"));

        Assert.Single(harness.Gong.Requests);
    }

    [Fact]
    public async Task Retries_are_spaced_by_the_per_second_budget()
    {
        await using var harness = new GongClientHarness(o =>
        {
            o.MaxRetries = 3;
            o.RetryBaseDelay = TimeSpan.Zero;
        });
        harness.Gong.Respond(_ => StubGong.Json(HttpStatusCode.InternalServerError, ErrorBody));

        await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com"), TimeSpan.FromMilliseconds(50));

        // Four attempts at 3 a second: the budget cannot have granted the fourth before a second had passed on
        // the clock. (Without the budget these zero-delay retries would all happen at the same instant.)
        Assert.Equal(4, harness.Gong.Requests.Count);
        Assert.True(harness.Time.GetUtcNow() - GongClientHarness.Start >= TimeSpan.FromSeconds(1));
    }
}
