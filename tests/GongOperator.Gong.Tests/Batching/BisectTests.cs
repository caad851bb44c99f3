using System.Net;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Batching;

public sealed class BisectTests
{
    private static async Task<RegistrationOutcome[]> RegisterFiftyInOneBatch(GongClientHarness harness)
    {
        // The warm-up spends the token, so the fifty that follow wait together and leave as one call.
        await harness.Register(Companies.Acme, "https://warm-up.partner.com");
        var fifty = Enumerable.Range(0, 50).Select(i => harness.Register(Companies.Acme, $"https://t{i}.partner.com")).ToArray();
        return await harness.Drive(fifty);
    }

    [Fact]
    public async Task A_bad_origin_inside_a_batch_of_fifty_is_isolated_and_the_other_49_register()
    {
        await using var harness = new GongClientHarness();
        harness.Gong.Respond(r => r.Origins.Contains("https://t37.partner.com")
            ? StubGong.Json(HttpStatusCode.BadRequest, """{"requestId":"bad","errors":["origin is not under the partner's domain"]}""")
            : StubGong.Json(HttpStatusCode.OK, """{"requestId":"good","integrationId":5517027188234205706}"""));

        var outcomes = await RegisterFiftyInOneBatch(harness);

        Assert.Contains(harness.Gong.Requests, r => r.Origins.Count == 50);
        var rejected = Assert.IsType<Rejected>(outcomes[37]);
        Assert.Equal(["origin is not under the partner's domain"], rejected.Errors);
        Assert.Equal("bad", rejected.RequestId);
        Assert.All(outcomes.Where((_, i) => i != 37), o => Assert.Equal(5517027188234205706L, Assert.IsType<Registered>(o).IntegrationId));
        // Bisection costs about two calls per level, not one call per origin.
        Assert.InRange(harness.Gong.Requests.Count, 3, 1 + 1 + (2 * 6) + 1);
    }

    [Fact]
    public async Task A_conflict_inside_a_batch_marks_only_the_known_origins_as_already_registered()
    {
        await using var harness = new GongClientHarness();
        var known = new HashSet<string> { "https://t3.partner.com", "https://t40.partner.com" };
        harness.Gong.Respond(r => r.Origins.Any(known.Contains)
            ? StubGong.Json(HttpStatusCode.Conflict, """{"requestId":"dup","errors":["already reported"]}""")
            : StubGong.Json(HttpStatusCode.OK, """{"requestId":"good","integrationId":99}"""));

        var outcomes = await RegisterFiftyInOneBatch(harness);

        Assert.IsType<AlreadyRegistered>(outcomes[3]);
        Assert.IsType<AlreadyRegistered>(outcomes[40]);
        Assert.Equal(48, outcomes.Count(o => o is Registered));
    }

    [Fact]
    public async Task A_single_origin_refused_is_answered_without_splitting()
    {
        await using var harness = new GongClientHarness();
        harness.Gong.Respond(_ => StubGong.Json(HttpStatusCode.BadRequest, """{"requestId":"bad","errors":["nope"]}"""));

        var outcome = await harness.Register(Companies.Acme, "https://one.partner.com");

        Assert.IsType<Rejected>(outcome);
        Assert.Single(harness.Gong.Requests);
    }

    [Fact]
    public async Task A_429_during_a_split_answers_the_rest_RateLimited_without_calling()
    {
        await using var harness = new GongClientHarness();
        var calls = 0;
        harness.Gong.Respond(r =>
        {
            var n = Interlocked.Increment(ref calls);
            if (n == 3)
            {
                var limited = StubGong.Json(HttpStatusCode.TooManyRequests, """{"requestId":"slow-down"}""");
                limited.Headers.RetryAfter = new(TimeSpan.FromMinutes(10));
                return limited;
            }

            return StubGong.Json(HttpStatusCode.BadRequest, """{"requestId":"bad","errors":["nope"]}""");
        });

        var outcomes = await RegisterFiftyInOneBatch(harness);

        Assert.Equal(3, harness.Gong.Requests.Count);
        Assert.All(outcomes, o => Assert.IsType<RateLimited>(o));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(50)]
    [InlineData(100)]
    public async Task Re_adopting_n_origins_Gong_already_has_costs_at_most_n_plus_log2_n_calls(int n)
    {
        await using var harness = new GongClientHarness();
        harness.Gong.Respond(r => r.Origins.Any(o => o.StartsWith("https://known", StringComparison.Ordinal))
            ? StubGong.Json(HttpStatusCode.Conflict, """{"requestId":"dup","errors":["already reported"]}""")
            : StubGong.Json(HttpStatusCode.OK, """{"requestId":"good","integrationId":99}"""));
        await harness.Register(Companies.Acme, "https://warm-up.partner.com");

        var outcomes = await harness.Drive(Enumerable.Range(0, n).Select(i => harness.Register(Companies.Acme, $"https://known{i}.partner.com")).ToArray());

        Assert.All(outcomes, o => Assert.IsType<AlreadyRegistered>(o));
        var calls = harness.Gong.Requests.Count - 1;
        Assert.Equal(n, harness.Gong.Requests.Skip(1).Count(r => r.Origins.Count == 1));
        Assert.InRange(calls, n, n + (int)Math.Ceiling(Math.Log2(n)));
    }

    [Fact]
    public async Task One_known_origin_in_a_batch_of_fifty_is_still_found_by_bisection_not_one_by_one()
    {
        await using var harness = new GongClientHarness();
        harness.Gong.Respond(r => r.Origins.Contains("https://t37.partner.com")
            ? StubGong.Json(HttpStatusCode.Conflict, """{"requestId":"dup","errors":["already reported"]}""")
            : StubGong.Json(HttpStatusCode.OK, """{"requestId":"good","integrationId":99}"""));

        var outcomes = await RegisterFiftyInOneBatch(harness);

        Assert.IsType<AlreadyRegistered>(outcomes[37]);
        Assert.Equal(49, outcomes.Count(o => o is Registered));
        Assert.InRange(harness.Gong.Requests.Count, 3, 1 + 1 + (2 * 6) + 1);
    }
}
