using System.Net;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Batching;

public sealed class CoalescingTests
{
    [Fact]
    public async Task A_hundred_concurrent_registrations_for_one_company_become_a_handful_of_calls()
    {
        await using var harness = new GongClientHarness();
        var calls = 0;
        harness.Gong.Respond(_ =>
        {
            var n = Interlocked.Increment(ref calls);
            return StubGong.Json(HttpStatusCode.OK, $$"""{"requestId":"batch-{{n}}","integrationId":{{1000 + n}}}""");
        });

        var outcomes = await harness.Drive(Enumerable.Range(0, 100).Select(i => harness.Register(Companies.Acme, $"https://t{i}.partner.com")));

        Assert.InRange(harness.Gong.Requests.Count, 1, 3);
        Assert.Equal(100, harness.Gong.Requests.Sum(r => r.Origins.Count));
        Assert.Equal(100, harness.Gong.Requests.SelectMany(r => r.Origins).Distinct().Count());
        // Each caller carries the one id of the batch its origin went in.
        Assert.All(outcomes, o => Assert.InRange(Assert.IsType<Registered>(o).IntegrationId, 1001, 1003));
        Assert.Equal(harness.Gong.Requests.Count, outcomes.Select(o => ((Registered)o).IntegrationId).Distinct().Count());
    }

    [Fact]
    public async Task Batches_never_exceed_the_configured_size()
    {
        await using var harness = new GongClientHarness(o => o.MaxBatchSize = 10);

        await harness.Drive(Enumerable.Range(0, 35).Select(i => harness.Register(Companies.Acme, $"https://t{i}.partner.com")));

        Assert.All(harness.Gong.Requests, r => Assert.InRange(r.Origins.Count, 1, 10));
        Assert.Equal(35, harness.Gong.Requests.Sum(r => r.Origins.Count));
    }

    [Fact]
    public async Task A_free_budget_sends_at_once_without_waiting_for_company()
    {
        await using var harness = new GongClientHarness();

        // No clock movement at all: the first registration must leave immediately.
        var outcome = await harness.Register(Companies.Acme, "https://acme.partner.com");

        Assert.IsType<Registered>(outcome);
        Assert.Equal(GongClientHarness.Start, Assert.Single(harness.Gong.Requests).At);
    }

    [Fact]
    public async Task The_same_origin_asked_twice_at_once_is_sent_once_and_both_callers_hear()
    {
        await using var harness = new GongClientHarness();
        await harness.Register(Companies.Acme, "https://warm-up.partner.com");

        // The warm-up spent the token, so these wait together for the next one.
        var first = harness.Register(Companies.Acme, "https://twice.partner.com");
        var second = harness.Register(Companies.Acme, "https://twice.partner.com");
        var outcomes = await harness.Drive(new[] { first, second });

        Assert.Equal(["https://twice.partner.com"], harness.Gong.Requests[1].Origins);
        Assert.All(outcomes, o => Assert.IsType<Registered>(o));
    }

    [Fact]
    public async Task Different_companies_are_never_mixed_in_one_call()
    {
        await using var harness = new GongClientHarness();

        await harness.Drive(Enumerable.Range(0, 20).Select(i => harness.Register(i % 2 == 0 ? Companies.Acme : Companies.Globex, $"https://t{i}.partner.com")));

        Assert.All(harness.Gong.Requests, r =>
        {
            var expected = r.Host == Companies.Acme.BaseUrl.Authority ? 0 : 1;
            Assert.All(r.Origins, o => Assert.Equal(expected, int.Parse(o[9..o.IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) % 2));
        });
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_waiting_is_not_sent()
    {
        await using var harness = new GongClientHarness();
        await harness.Register(Companies.Acme, "https://warm-up.partner.com");
        using var cts = new CancellationTokenSource();

        var abandoned = harness.Registrar.RegisterAsync(Companies.Acme, new OriginRegistration("DIALER", "https://gone.partner.com"), cts.Token);
        var kept = harness.Register(Companies.Acme, "https://kept.partner.com");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        await harness.Drive(kept);

        Assert.Equal(["https://kept.partner.com"], harness.Gong.Requests[1].Origins);
    }
}
