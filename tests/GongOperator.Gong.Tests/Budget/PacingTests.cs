using System.Net;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Budget;

/// <summary>Pacing through the whole client on the fake clock: the margin on each gap, and pacing from when a call came back.</summary>
public sealed class PacingTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    // The stub notes a call's arrival on the fake clock, which Drive may move a step or two (on a loaded machine) between
    // the budget's grant and the stub's receipt of the request: two arrivals can then look that much closer than the
    // two departures the budget paced. Much less than the 50 ms margin, so the margin is still what is checked.
    private static readonly TimeSpan ClockDrift = 2 * Step;

    [Fact]
    public async Task Consecutive_calls_are_at_least_one_rate_interval_plus_the_margin_apart()
    {
        await using var harness = new GongClientHarness(o => o.MaxBatchSize = 1);

        await harness.Drive(Enumerable.Range(0, 7).Select(i => harness.Register(Companies.Acme, $"https://t{i}.partner.com")), Step);

        var gap = TimeSpan.FromSeconds(1.0 / GongClientOptions.DefaultCallsPerSecond) + GongClientOptions.DefaultPacingMargin;
        var at = harness.Gong.Requests.Select(r => r.At).ToList();
        Assert.Equal(7, at.Count);
        Assert.All(at.Zip(at.Skip(1)), pair => Assert.True(pair.Second - pair.First >= gap - ClockDrift, $"{pair.Second - pair.First} is shorter than {gap}"));
    }

    [Fact]
    public async Task A_company_first_called_as_the_process_begins_waits_one_window_and_one_first_called_later_does_not()
    {
        await using var harness = new GongClientHarness();
        var early = new GongCompany(new Uri("https://company-90.api.gong.io"), new BasicCredentials("early-key", Companies.Secret));
        var later = new GongCompany(new Uri("https://company-91.api.gong.io"), new BasicCredentials("later-key", Companies.Secret));

        // The previous process may have spent early's rate just before this one began calling Gong.
        await harness.Drive(harness.Register(early, "https://a.partner.com"), Step);
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        var laterAsked = harness.Time.GetUtcNow();
        await harness.Drive(harness.Register(later, "https://b.partner.com"), Step);

        var at = harness.Gong.Requests.Select(r => r.At).ToList();
        Assert.True(at[0] - GongClientHarness.Start >= TimeSpan.FromSeconds(1) + GongClientOptions.DefaultPacingMargin, $"the first call left {at[0] - GongClientHarness.Start} after the process began");
        Assert.InRange(at[1] - laterAsked, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task The_margin_is_configurable()
    {
        await using var harness = new GongClientHarness(o =>
        {
            o.MaxBatchSize = 1;
            o.PacingMargin = TimeSpan.FromMilliseconds(300);
        });

        await harness.Drive(Enumerable.Range(0, 3).Select(i => harness.Register(Companies.Acme, $"https://t{i}.partner.com")), Step);

        var at = harness.Gong.Requests.Select(r => r.At).ToList();
        Assert.True(at[2] - at[0] >= (2 * (TimeSpan.FromSeconds(1.0 / 3) + TimeSpan.FromMilliseconds(300))) - ClockDrift);
    }

    [Fact]
    public async Task A_call_that_reaches_Gong_late_paces_the_calls_after_it_from_its_answer()
    {
        await using var harness = new GongClientHarness(o => o.MaxBatchSize = 1);
        var slow = TimeSpan.FromMilliseconds(600);
        var calls = 0;
        harness.Gong.Responder = async (_, ct) =>
        {
            // The first call is slow (a new TLS connection, say): Gong may have counted it as late as its answer.
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(slow, harness.Time, ct);
            }

            return StubGong.Json(HttpStatusCode.OK, """{"requestId":"r","integrationId":1}""");
        };

        await harness.Drive(Enumerable.Range(0, 4).Select(i => harness.Register(Companies.Acme, $"https://t{i}.partner.com")), Step);

        // Paced from departures alone the fourth would leave 3 × 383 ms after the first; Gong could then count four
        // calls in the second after the first one's late arrival. It leaves a second and the margin after that answer.
        var at = harness.Gong.Requests.Select(r => r.At).ToList();
        Assert.True(at[3] >= at[0] + slow + TimeSpan.FromSeconds(1) + GongClientOptions.DefaultPacingMargin, $"the fourth call left {at[3] - at[0]} after the first");
    }
}
