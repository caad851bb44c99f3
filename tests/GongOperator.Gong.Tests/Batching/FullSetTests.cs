using System.Collections.Concurrent;
using System.Net;
using GongOperator.Gong.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GongOperator.Gong.Tests.Batching;

public sealed class FullSetTests
{
    private static readonly GongCompany Acme = Companies.Acme with { Strategy = RegistrationStrategyKind.FullSet };

    /// <summary>The company's desired set as an operator would declare it, and what Gong's answers concerned beyond the callers.</summary>
    private sealed class DeclaredSets : ICompanyOriginSets
    {
        public ConcurrentDictionary<string, GongCompany> Origins { get; } = new();

        public ConcurrentQueue<(OriginRegistration Origin, RegistrationOutcome Outcome)> Concerns { get; } = new();

        public IReadOnlyCollection<(OriginRegistration Origin, GongCompany Company)> DesiredSet(Func<GongCompany, bool> isThisCompany) =>
            Origins.Where(o => isThisCompany(o.Value)).OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => (new OriginRegistration("DIALER", o.Key), o.Value)).ToArray();

        public void Concerned(Func<GongCompany, bool> isThisCompany, IReadOnlyCollection<OriginRegistration> origins, RegistrationOutcome outcome)
        {
            foreach (var origin in origins)
            {
                Concerns.Enqueue((origin, outcome));
            }
        }

        public void Declare(params string[] origins)
        {
            foreach (var origin in origins)
            {
                Origins[origin] = Acme;
            }
        }
    }

    private static (GongClientHarness Harness, DeclaredSets Sets) Start(int maxSetSize = GongClientOptions.DefaultMaxSetSize)
    {
        var sets = new DeclaredSets();
        var harness = new GongClientHarness(o => o.MaxSetSize = maxSetSize, addServices: s => s.AddSingleton<ICompanyOriginSets>(sets));
        harness.Gong.Respond(_ => StubGong.Json(HttpStatusCode.OK, """{"requestId":"ok","integrationId":7}"""));
        return (harness, sets);
    }

    [Fact]
    public async Task Every_call_carries_the_whole_set_and_changes_waiting_for_budget_leave_in_one_call()
    {
        var (harness, sets) = Start();
        await using var _ = harness;
        sets.Declare("https://a.partner.com", "https://b.partner.com");
        await harness.Drive(harness.Register(Acme, "https://a.partner.com"));

        sets.Declare("https://c.partner.com", "https://d.partner.com");
        var outcomes = await harness.Drive(new[] { "https://c.partner.com", "https://d.partner.com" }.Select(o => harness.Register(Acme, o)));

        Assert.All(outcomes, o => Assert.IsType<Registered>(o));
        Assert.Equal(2, harness.Gong.Requests.Count);
        Assert.Equal(["https://a.partner.com", "https://b.partner.com"], harness.Gong.Requests[0].Origins);
        Assert.Equal(["https://a.partner.com", "https://b.partner.com", "https://c.partner.com", "https://d.partner.com"], harness.Gong.Requests[1].Origins);
    }

    [Fact]
    public async Task Sending_the_set_after_a_removal_leaves_the_origin_out_and_the_last_removal_sends_an_empty_list()
    {
        var (harness, sets) = Start();
        await using var _ = harness;
        sets.Declare("https://a.partner.com", "https://b.partner.com");
        await harness.Drive(harness.Register(Acme, "https://a.partner.com"));

        sets.Origins.TryRemove("https://a.partner.com", out var _1);
        Assert.IsType<Registered>(await harness.Drive(harness.Registrar.SendSetAsync(Acme, TestContext.Current.CancellationToken)));
        sets.Origins.TryRemove("https://b.partner.com", out var _2);
        Assert.IsType<Registered>(await harness.Drive(harness.Registrar.SendSetAsync(Acme, TestContext.Current.CancellationToken)));

        Assert.Equal(["https://b.partner.com"], harness.Gong.Requests[1].Origins);
        Assert.Empty(harness.Gong.Requests[2].Origins);
        await Assert.ThrowsAsync<NotSupportedException>(() => harness.Registrar.SendSetAsync(Companies.Globex, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_400_naming_origins_leaves_them_out_and_sends_the_rest_again()
    {
        var (harness, sets) = Start();
        await using var _ = harness;
        sets.Declare("https://a.partner.com", "https://bad.partner.com", "https://bad.partner.com.evil.com");
        harness.Gong.Respond(r => r.Origins.Contains("https://bad.partner.com")
            ? StubGong.Json(HttpStatusCode.BadRequest, """{"requestId":"no","errors":["allowedOrigin 'HTTPS://bad.partner.com' is not under the partner domain"]}""")
            : StubGong.Json(HttpStatusCode.OK, """{"requestId":"ok","integrationId":7}"""));

        var outcomes = await harness.Drive(new[] { "https://a.partner.com", "https://bad.partner.com.evil.com" }.Select(o => harness.Register(Acme, o)));

        Assert.All(outcomes, o => Assert.IsType<Registered>(o));
        Assert.Equal(["https://a.partner.com", "https://bad.partner.com.evil.com"], harness.Gong.Requests[1].Origins);
        var concern = Assert.Single(sets.Concerns);
        Assert.Equal("https://bad.partner.com", concern.Origin.AllowedOrigin);
        Assert.IsType<Rejected>(concern.Outcome);
    }

    [Fact]
    public async Task A_400_naming_nothing_rejects_the_whole_set_without_splitting_it()
    {
        var (harness, sets) = Start();
        await using var _ = harness;
        sets.Declare("https://a.partner.com", "https://b.partner.com", "https://c.partner.com");
        harness.Gong.Respond(_ => StubGong.Json(HttpStatusCode.BadRequest, """{"requestId":"no","errors":["invalid request"]}"""));

        var outcome = await harness.Drive(harness.Register(Acme, "https://a.partner.com"));

        Assert.Equal(["invalid request"], Assert.IsType<Rejected>(outcome).Errors);
        Assert.Single(harness.Gong.Requests);
        Assert.Equal(["https://b.partner.com", "https://c.partner.com"], sets.Concerns.Select(c => c.Origin.AllowedOrigin).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_set_larger_than_the_maximum_is_not_sent()
    {
        var (harness, sets) = Start(maxSetSize: 2);
        await using var _ = harness;
        sets.Declare("https://a.partner.com", "https://b.partner.com", "https://c.partner.com");

        var outcome = await harness.Drive(harness.Register(Acme, "https://a.partner.com"));

        Assert.Equal((3, 2), (Assert.IsType<SetTooLarge>(outcome).Size, ((SetTooLarge)outcome).MaxSetSize));
        Assert.Empty(harness.Gong.Requests);
        Assert.Equal(2, sets.Concerns.Count);
    }

    [Fact]
    public async Task A_set_whose_secrets_disagree_on_the_credentials_is_not_sent()
    {
        var (harness, sets) = Start();
        await using var _ = harness;
        sets.Declare("https://a.partner.com");

        // Another namespace's Secret with the same access key id and a different secret: neither may speak for the other.
        sets.Origins["https://b.partner.com"] = new GongCompany(Acme.BaseUrl, new BasicCredentials("acme-key", "another-secret")) { Strategy = RegistrationStrategyKind.FullSet };

        var outcome = await harness.Drive(harness.Register(Acme, "https://a.partner.com"));

        Assert.Equal(2, Assert.IsType<SetCredentialsDiffer>(outcome).CredentialSets);
        Assert.Empty(harness.Gong.Requests);
        Assert.Equal("https://b.partner.com", Assert.Single(sets.Concerns).Origin.AllowedOrigin);
    }
}
