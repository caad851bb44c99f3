using System.Net;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Resilience;

public sealed class CircuitBreakerTests
{
    private static GongClientHarness NewHarness() => new(o =>
    {
        o.MaxRetries = 0;
        o.CircuitBreakerMinimumThroughput = 2;
        o.CircuitBreakerFailureRatio = 0.5;
        o.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
    });

    [Fact]
    public async Task A_dead_company_opens_its_circuit_and_is_no_longer_called()
    {
        await using var harness = NewHarness();
        harness.Gong.Respond(_ => StubGong.Json(HttpStatusCode.InternalServerError, """{"requestId":"dead","errors":["unexpected error"]}"""));

        var outcomes = new List<RegistrationOutcome>();
        for (var i = 0; i < 8; i++)
        {
            outcomes.Add(await harness.Drive(harness.Register(Companies.Acme, $"https://t{i}.partner.com")));
        }

        Assert.InRange(harness.Gong.Requests.Count, 2, 3);
        var open = Assert.IsType<Unavailable>(outcomes[^1]);
        Assert.Equal("circuit open", open.Reason);
        Assert.NotNull(open.RetryNotBefore);
        Assert.All(outcomes, o => Assert.IsType<Unavailable>(o));
    }

    [Fact]
    public async Task An_open_circuit_on_one_company_leaves_its_neighbours_working()
    {
        await using var harness = NewHarness();
        // Acme is dead; Globex (another host) and a second key on Acme's own host are healthy.
        var neighbourOnSameHost = new GongCompany(Companies.Acme.BaseUrl, new BasicCredentials("other-team-key", Companies.Secret + "-other"));
        harness.Gong.Respond(r => r.Host == Companies.Acme.BaseUrl.Authority && r.Authorization!.Contains(Convert.ToBase64String("acme-key:"u8.ToArray())[..8], StringComparison.Ordinal)
            ? StubGong.Json(HttpStatusCode.ServiceUnavailable, "{}")
            : StubGong.Json(HttpStatusCode.OK, """{"requestId":"ok","integrationId":5}"""));

        for (var i = 0; i < 6; i++)
        {
            await harness.Drive(harness.Register(Companies.Acme, $"https://t{i}.partner.com"));
        }

        var acmeOutcome = await harness.Drive(harness.Register(Companies.Acme, "https://again.partner.com"));
        Assert.Equal("circuit open", Assert.IsType<Unavailable>(acmeOutcome).Reason);
        Assert.IsType<Registered>(await harness.Drive(harness.Register(Companies.Globex, "https://g.partner.com")));
        Assert.IsType<Registered>(await harness.Drive(harness.Register(neighbourOnSameHost, "https://n.partner.com")));
    }

    [Fact]
    public async Task After_the_break_a_recovered_company_is_called_again()
    {
        await using var harness = NewHarness();
        var healthy = false;
        harness.Gong.Respond(_ => Volatile.Read(ref healthy)
            ? StubGong.Json(HttpStatusCode.OK, """{"requestId":"back","integrationId":6}""")
            : StubGong.Json(HttpStatusCode.BadGateway, "{}"));
        for (var i = 0; i < 4; i++)
        {
            await harness.Drive(harness.Register(Companies.Acme, $"https://t{i}.partner.com"));
        }

        var callsWhileOpen = harness.Gong.Requests.Count;
        Volatile.Write(ref healthy, true);
        harness.Time.Advance(TimeSpan.FromSeconds(31));

        Assert.IsType<Registered>(await harness.Drive(harness.Register(Companies.Acme, "https://later.partner.com")));
        Assert.Equal(callsWhileOpen + 1, harness.Gong.Requests.Count);
    }
}
