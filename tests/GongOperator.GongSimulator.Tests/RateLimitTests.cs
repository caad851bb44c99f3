using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.GongSimulator.Tests;

public sealed class RateLimitTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Over_three_calls_in_a_second_the_fourth_answers_429_with_Retry_After_and_the_next_second_passes()
    {
        var time = new FakeTimeProvider(Noon);
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await h.RegisterAsync("DIALER", $"https://t{i}.partner.com")).Status);
        }

        var limited = await h.RegisterAsync("DIALER", "https://t3.partner.com");
        time.Advance(TimeSpan.FromSeconds(1));
        var after = await h.RegisterAsync("DIALER", "https://t3.partner.com");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), limited.RetryAfter);
        Assert.Contains("3 calls a second", Assert.Single(limited.Errors), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(3 + 1, h.Simulator.Registrations.Count);
    }

    [Fact]
    public async Task The_rate_window_slides_so_a_call_passes_once_the_oldest_of_the_second_is_a_second_old()
    {
        var time = new FakeTimeProvider(Noon);
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time, RatePerSecond = 2 });

        await h.RegisterAsync("DIALER", "https://a.partner.com");
        time.Advance(TimeSpan.FromMilliseconds(600));
        await h.RegisterAsync("DIALER", "https://b.partner.com");
        time.Advance(TimeSpan.FromMilliseconds(300));
        var limited = await h.RegisterAsync("DIALER", "https://c.partner.com");
        time.Advance(TimeSpan.FromMilliseconds(100));
        var passes = await h.RegisterAsync("DIALER", "https://c.partner.com");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), limited.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, passes.Status);
    }

    [Fact]
    public async Task Rate_limits_are_per_company()
    {
        var time = new FakeTimeProvider(Noon);
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions
        {
            TimeProvider = time,
            RatePerSecond = 1,
            Companies =
            [
                new SimulatedCompany("one") { AccessKey = "k1", AccessKeySecret = "s1" },
                new SimulatedCompany("two") { AccessKey = "k2", AccessKeySecret = "s2", RatePerSecond = 2 },
            ],
        });
        var body = SimulatorHarness.Body(("DIALER", "https://a.partner.com"));

        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(SimulatorHarness.Basic("k1", "s1"), body)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await h.PostAsync(SimulatorHarness.Basic("k1", "s1"), body)).Status);
        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(SimulatorHarness.Basic("k2", "s2"), body)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await h.PostAsync(SimulatorHarness.Basic("k2", "s2"), body)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await h.PostAsync(SimulatorHarness.Basic("k2", "s2"), body)).Status);
    }

    [Fact]
    public async Task Refused_credentials_and_429s_do_not_spend_the_rate()
    {
        var time = new FakeTimeProvider(Noon);
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time, RatePerSecond = 1 });
        var body = SimulatorHarness.Body(("DIALER", "https://a.partner.com"));

        await h.PostAsync(SimulatorHarness.Basic("demo-access-key", "wrong"), body);
        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(SimulatorHarness.DemoBasic, body)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await h.PostAsync(SimulatorHarness.DemoBasic, body)).Status);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Conflict, (await h.PostAsync(SimulatorHarness.DemoBasic, body)).Status);
    }

    [Fact]
    public async Task Over_the_daily_quota_calls_answer_429_with_Retry_After_to_the_next_00_00_UTC_and_pass_after_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 23, 59, 0, TimeSpan.Zero));
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time, DailyQuota = 2 });

        await h.RegisterAsync("DIALER", "https://a.partner.com");
        time.Advance(TimeSpan.FromSeconds(5));
        await h.RegisterAsync("DIALER", "https://b.partner.com");
        time.Advance(TimeSpan.FromSeconds(5));
        var spent = await h.RegisterAsync("DIALER", "https://c.partner.com");
        time.Advance(TimeSpan.FromSeconds(49));
        var stillSpent = await h.RegisterAsync("DIALER", "https://c.partner.com");
        time.Advance(TimeSpan.FromSeconds(1));
        var nextDay = await h.RegisterAsync("DIALER", "https://c.partner.com");

        Assert.Equal(HttpStatusCode.TooManyRequests, spent.Status);
        Assert.Equal(TimeSpan.FromSeconds(50), spent.RetryAfter);
        Assert.Contains("daily quota of 2 calls", Assert.Single(spent.Errors), StringComparison.Ordinal);
        Assert.Contains("2026-11-26T00:00:00Z", Assert.Single(spent.Errors), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), stillSpent.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, nextDay.Status);
    }

    [Fact]
    public async Task Calls_refused_with_400_or_409_still_spend_the_quota()
    {
        var time = new FakeTimeProvider(Noon);
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time, DailyQuota = 3, RatePerSecond = 100 });

        await h.RegisterAsync("DIALER", "https://a.partner.com");
        await h.RegisterAsync("DIALER", "https://a.partner.com");
        await h.RegisterAsync("DIALER", "not an origin");
        var spent = await h.RegisterAsync("DIALER", "https://b.partner.com");

        Assert.Equal(HttpStatusCode.TooManyRequests, spent.Status);
        var status = Assert.Single(h.Simulator.GetCompanyStatus());
        Assert.Equal(3, status.UsedToday);
        Assert.True(status.QuotaExhausted);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), status.QuotaResetsAt);
    }

    [Fact]
    public async Task An_exhausted_quota_fault_answers_429_until_the_next_window_and_clearing_faults_lifts_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 22, 0, 0, TimeSpan.Zero));
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time });

        h.Simulator.ExhaustQuota("demo");
        var exhausted = await h.RegisterAsync("DIALER", "https://a.partner.com");
        h.Simulator.ClearFaults();
        var cleared = await h.RegisterAsync("DIALER", "https://a.partner.com");

        Assert.Equal(HttpStatusCode.TooManyRequests, exhausted.Status);
        Assert.Equal(TimeSpan.FromHours(2), exhausted.RetryAfter);
        Assert.Equal("quotaExhausted", h.Simulator.Calls[0].Fault);
        Assert.Equal(HttpStatusCode.OK, cleared.Status);
    }

    [Fact]
    public async Task An_exhausted_quota_fault_ends_by_itself_at_the_next_window()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time });

        h.Simulator.ExhaustQuota("demo");
        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(HttpStatusCode.OK, (await h.RegisterAsync("DIALER", "https://a.partner.com")).Status);
    }

    [Fact]
    public async Task Retry_After_rounds_up_to_whole_seconds_so_a_client_that_obeys_it_is_never_early()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 23, 59, 58, 500, TimeSpan.Zero));
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time, DailyQuota = 1 });

        await h.RegisterAsync("DIALER", "https://a.partner.com");
        var spent = await h.RegisterAsync("DIALER", "https://b.partner.com");
        time.Advance(spent.RetryAfter!.Value);
        var after = await h.RegisterAsync("DIALER", "https://b.partner.com");

        Assert.Equal(TimeSpan.FromSeconds(2), spent.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    [Fact]
    public async Task Of_twenty_concurrent_calls_in_one_second_exactly_three_pass()
    {
        var time = new FakeTimeProvider(Noon);
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time });

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => h.RegisterAsync("DIALER", $"https://t{i}.partner.com")));

        Assert.Equal(3, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.Equal(17, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests && a.RetryAfter == TimeSpan.FromSeconds(1)));
        Assert.Equal(3, h.Simulator.Registrations.Count);
    }

    [Fact]
    public async Task Of_concurrent_registrations_of_one_origin_exactly_one_gets_200()
    {
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { RatePerSecond = 1000 });

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => h.RegisterAsync("DIALER", "https://same.partner.com")));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.Equal(19, answers.Count(a => a.Status == HttpStatusCode.Conflict));
    }
}
