using GongOperator.Gong.Tests.Support;
using GongOperator.Testing.Strict;

namespace GongOperator.Gong.Tests.Strict;

/// <summary>
/// Pacing as a server sees it: the strict stand-in delays each arrival by 0–40 ms at random and counts, per company,
/// arrivals beyond the rate in any sliding second. Several companies at once keep the wall time short, at 5 a second
/// with a 30 ms margin (15 % of the 200 ms gap, as the default 50 ms is of the 333 ms gap at Gong's default 3 a
/// second). The gap stays well above the stand-in's delays, so the pace, not the answers, decides when calls leave:
/// a client pacing exactly at the limit (no margin, paced from departures only) showed 16 arrivals over the rate in
/// the first test's 240 calls.
/// </summary>
public sealed class StrictPacingTests
{
    private const int Rate = 5;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static void Paced(GongClientOptions o)
    {
        o.CallsPerSecond = Rate;
        o.PacingMargin = TimeSpan.FromMilliseconds(30);
        // One origin per call, so that every registration is a call.
        o.MaxBatchSize = 1;
    }

    private static GongCompany CompanyOn(StrictGong gong, int n) => new(gong.BaseUrl, new BasicCredentials($"company-{n}", Companies.Secret));

    [Fact]
    public async Task Hundreds_of_calls_for_many_companies_at_once_never_put_more_than_the_rate_in_any_second_as_the_server_sees_them()
    {
        await using var gong = StrictGong.Start(ratePerSecond: Rate);
        await using var harness = new GongClientHarness(Paced, realClock: true);

        var registrations = Enumerable.Range(0, 16).SelectMany(c => Enumerable.Range(0, 15).Select(i => harness.Register(CompanyOn(gong, c), $"https://t{i}.partner.com")));
        var outcomes = await Task.WhenAll(registrations).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal(0, gong.OverRateArrivals);
        Assert.Empty(gong.Violations);
        Assert.All(outcomes, o => Assert.IsType<Registered>(o));
        Assert.Equal(240, gong.Requests.Count);
    }

    [Fact]
    public async Task After_a_429_lifts_calls_resume_at_the_pace_without_overrunning_any_second()
    {
        await using var gong = StrictGong.Start(ratePerSecond: Rate);
        var answered = 0;
        gong.Answer = (_, _) => Task.FromResult(Interlocked.Increment(ref answered) == 6
            ? StrictGongAnswer.Json(429, """{"requestId":"limited","errors":["API limit exceeded"]}""", retryAfterSeconds: 1)
            : null);
        await using var harness = new GongClientHarness(Paced, realClock: true);
        var company = CompanyOn(gong, 0);
        var origins = Enumerable.Range(0, 15).Select(i => $"https://t{i}.partner.com").ToList();

        var first = await Task.WhenAll(origins.Select(o => harness.Register(company, o))).WaitAsync(Bound, TestContext.Current.CancellationToken);
        var limited = first.OfType<RateLimited>().ToList();
        // As the operator does with status.nextRetryTime: come back at the time the 429 named, with every origin it refused.
        var until = limited.Max(l => l.Until);
        while (DateTimeOffset.UtcNow < until)
        {
            // The timer counts whole milliseconds and may wake a fraction early: the budget would rightly refuse then.
            await Task.Delay(until - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(1), TestContext.Current.CancellationToken);
        }

        var again = await Task.WhenAll(origins.Where((_, i) => first[i] is RateLimited).Select(o => harness.Register(company, o)))
            .WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal(5, first.Count(o => o is Registered));
        Assert.Equal(10, limited.Count);
        Assert.All(again, o => Assert.IsType<Registered>(o));
        Assert.Equal(0, gong.OverRateArrivals);
        Assert.Empty(gong.Violations);
        Assert.Equal(15 + 1, gong.Requests.Count);
    }
}
