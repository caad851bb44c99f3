using System.Net;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Budget;

public sealed class RateLimitTests
{
    private static HttpResponseMessage TooManyRequests(Action<HttpResponseMessage> withRetryAfter)
    {
        var response = StubGong.Json(HttpStatusCode.TooManyRequests, """{"requestId":"req-429","errors":["limit exceeded"]}""");
        withRetryAfter(response);
        return response;
    }

    [Fact]
    public async Task Retry_After_in_seconds_sets_the_time_the_company_opens()
    {
        await using var harness = new GongClientHarness();
        harness.Gong.Respond(_ => TooManyRequests(r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(30))));

        var outcome = await harness.Register(Companies.Acme, "https://acme.partner.com");

        var limited = Assert.IsType<RateLimited>(outcome);
        Assert.Equal(GongClientHarness.Start.AddSeconds(30), limited.Until);
        Assert.Equal("req-429", limited.RequestId);
        Assert.Equal(["limit exceeded"], limited.Errors);
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_sets_the_time_the_company_opens()
    {
        await using var harness = new GongClientHarness();
        harness.Gong.Respond(_ => TooManyRequests(r => r.Headers.TryAddWithoutValidation("Retry-After", "Sat, 21 Nov 2026 10:02:00 GMT")));

        var outcome = await harness.Register(Companies.Acme, "https://acme.partner.com");

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 2, 0, TimeSpan.Zero), Assert.IsType<RateLimited>(outcome).Until);
    }

    [Fact]
    public async Task A_429_without_Retry_After_closes_the_company_for_the_configured_fallback()
    {
        await using var harness = new GongClientHarness(o => o.RetryAfterWhenMissing = TimeSpan.FromSeconds(7));
        harness.Gong.Respond(_ => TooManyRequests(_ => { }));

        var outcome = await harness.Register(Companies.Acme, "https://acme.partner.com");

        Assert.Equal(GongClientHarness.Start.AddSeconds(7), Assert.IsType<RateLimited>(outcome).Until);
    }

    [Fact]
    public async Task No_call_reaches_a_company_before_its_Retry_After_from_any_number_of_concurrent_callers()
    {
        await using var harness = new GongClientHarness();
        var until = GongClientHarness.Start.AddSeconds(30);
        harness.Gong.Respond(r => r.At < until
            ? TooManyRequests(x => x.Headers.RetryAfter = new(until - r.At))
            : StubGong.Json(HttpStatusCode.OK, """{"requestId":"after","integrationId":7}"""));
        Assert.IsType<RateLimited>(await harness.Register(Companies.Acme, "https://first.partner.com"));

        // 40 callers during the block, at several moments inside it.
        var during = new List<RegistrationOutcome>();
        for (var wave = 0; wave < 4; wave++)
        {
            var calls = Enumerable.Range(0, 10).Select(i => harness.Register(Companies.Acme, $"https://w{wave}-{i}.partner.com"));
            during.AddRange(await Task.WhenAll(calls));
            harness.Time.Advance(TimeSpan.FromSeconds(7));
        }

        Assert.All(during, o => Assert.Equal(until, Assert.IsType<RateLimited>(o).Until));
        Assert.Single(harness.Gong.Requests);

        harness.Time.Advance(until - harness.Time.GetUtcNow());
        var after = await harness.Drive(harness.Register(Companies.Acme, "https://later.partner.com"));

        Assert.IsType<Registered>(after);
        Assert.All(harness.Gong.Requests.Skip(1), r => Assert.True(r.At >= until));
        Assert.Equal(2, harness.Gong.Requests.Count);
    }

    [Fact]
    public async Task A_429_for_one_company_leaves_its_neighbours_open()
    {
        await using var harness = new GongClientHarness();
        harness.Gong.Respond(r => r.Host == Companies.Acme.BaseUrl.Authority
            ? TooManyRequests(x => x.Headers.RetryAfter = new(TimeSpan.FromMinutes(1)))
            : StubGong.Json(HttpStatusCode.OK, """{"requestId":"ok","integrationId":1}"""));

        Assert.IsType<RateLimited>(await harness.Register(Companies.Acme, "https://a.partner.com"));

        Assert.IsType<Registered>(await harness.Drive(harness.Register(Companies.Globex, "https://g.partner.com")));
    }

    [Fact]
    public async Task A_new_token_for_the_same_company_keeps_its_429_block_and_its_daily_count()
    {
        await using var harness = new GongClientHarness(o => o.DailyQuota = 50);
        var before = new GongCompany(new Uri("https://company-17.api.gong.io"), new BearerCredentials("token-of-monday", "secret:tenant-acme/gong-oauth"));
        var after = new GongCompany(new Uri("https://company-17.api.gong.io"), new BearerCredentials("token-of-tuesday", "secret:tenant-acme/gong-oauth"));
        harness.Gong.Respond(_ => TooManyRequests(r => r.Headers.RetryAfter = new(TimeSpan.FromMinutes(1))));
        Assert.IsType<RateLimited>(await harness.Drive(harness.Register(before, "https://a.partner.com")));

        var outcome = await harness.Register(after, "https://b.partner.com");

        Assert.IsType<RateLimited>(outcome);
        Assert.Single(harness.Gong.Requests);
        Assert.Equal(49, harness.Budgets.GetBudgetState(after).Remaining);
        Assert.Equal("company-17.api.gong.io/secret:tenant-acme/gong-oauth", harness.Budgets.GetBudgetState(after).Company);
    }

    [Fact]
    public async Task A_spent_daily_quota_gives_QuotaExhausted_with_the_next_window_and_makes_no_call()
    {
        await using var harness = new GongClientHarness(o => o.DailyQuota = 2);
        await harness.Drive(harness.Register(Companies.Acme, "https://a.partner.com"));
        await harness.Drive(harness.Register(Companies.Acme, "https://b.partner.com"));
        Assert.Equal(2, harness.Gong.Requests.Count);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => harness.Register(Companies.Acme, $"https://q{i}.partner.com")));

        var nextWindow = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
        Assert.All(outcomes, o => Assert.Equal(nextWindow, Assert.IsType<QuotaExhausted>(o).Until));
        Assert.Equal(2, harness.Gong.Requests.Count);
        var state = harness.Budgets.GetBudgetState(Companies.Acme);
        Assert.Equal(0, state.Remaining);
        Assert.Equal(nextWindow, state.ResetsAt);

        harness.Time.Advance(nextWindow - harness.Time.GetUtcNow());
        Assert.IsType<Registered>(await harness.Drive(harness.Register(Companies.Acme, "https://next-day.partner.com")));
        Assert.Equal(1, harness.Budgets.GetBudgetState(Companies.Acme).Remaining);
    }

    [Fact]
    public async Task The_budget_state_shows_remaining_quota_and_any_block()
    {
        await using var harness = new GongClientHarness(o => o.DailyQuota = 50);
        Assert.Equal(50, harness.Budgets.GetBudgetState(Companies.Acme).Remaining);

        await harness.Drive(harness.Register(Companies.Acme, "https://a.partner.com"));
        harness.Gong.Respond(_ => TooManyRequests(r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(9))));
        await harness.Drive(harness.Register(Companies.Acme, "https://b.partner.com"));

        var state = harness.Budgets.GetBudgetState(Companies.Acme);
        Assert.Equal(48, state.Remaining);
        Assert.NotNull(state.BlockedUntil);
        Assert.Equal("company-17.api.gong.io/key:acme-key", state.Company);
    }
}
