using System.Globalization;
using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;
using GongOperator.OAuth;
using GongOperator.Reconciliation;
using GongOperator.Testing;
using GongOperator.Testing.Strict;
using GongOperator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Tests.OAuth;

/// <summary>
/// The operator's path for an OAuth seed (<see cref="OAuthAuthorizations.RegisterAsync"/>: the state, the token client and
/// the registrar) against the strict stand-in's token endpoint, written from Gong's OAuth page rather than the simulator,
/// on one fake clock shared with the stand-in, so that access tokens expire when the test says.
/// </summary>
public sealed class StrictOAuthTests : IAsyncLifetime
{
    private const string Customer = "acme";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly ObjectKey SeedKey = new("tenant-acme", "gong-oauth");
    private static readonly OAuthClientCredentials App = new("strict-app", "strict-app-S3CRET-3d9e1f");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-21T10:00:00Z", CultureInfo.InvariantCulture));
    private readonly InMemoryAuthorizationStore _store = new();
    private StrictGong _gong = null!;
    private ServiceProvider _client = null!;
    private OAuthAuthorizations _authorizations = null!;

    public ValueTask InitializeAsync()
    {
        // No arrival delay: on a fake clock it would wait for the test to move the clock.
        _gong = StrictGong.Start(maxArrivalDelay: TimeSpan.Zero, time: _time);
        _gong.OAuth.AccessTokenLifetime = Lifetime;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddGongClient(o =>
        {
            // Drive moves the fake clock faster than real time: a slow first call must not time out by accident.
            o.AttemptTimeout = TimeSpan.FromMinutes(5);
            o.TotalTimeout = TimeSpan.FromMinutes(10);
        });
        _client = services.BuildServiceProvider();

        // Without a baseUrl in the seed, a client that ignored api_base_url_for_customer would call the shared host,
        // where the stand-in refuses an OAuth access token (and records it).
        _authorizations = new OAuthAuthorizations(
            _store,
            _client.GetRequiredService<IGongTokenClient>(),
            new OAuthOptions { StateNamespace = "gong-system", TokenUrl = _gong.TokenUrl },
            _gong.BaseUrl,
            _time,
            NullLogger<OAuthAuthorizations>.Instance);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _gong.DisposeAsync();
    }

    [Fact]
    public async Task Rotations_driven_by_the_clock_register_at_the_customers_host_with_each_refresh_token_used_once_and_no_violation()
    {
        var seed = Seed(_gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer));

        // Fractions of a token's life between two rounds: inside it (no refresh), in its last 10 % (refresh before it runs
        // out), and well past it (refresh of an expired token). Each round is three origins at once, as a burst of
        // creates or a resync brings them: one refresh serves them all.
        double[] gaps = [0.5, 0.95, 2.0, 0.95, 3.0, 0.3];
        var outcomes = new List<RegistrationOutcome>(await Round(seed, 0));
        for (var i = 0; i < gaps.Length; i++)
        {
            _time.Advance(Lifetime * gaps[i]);
            outcomes.AddRange(await Round(seed, i + 1));
        }

        Assert.Equal(21, outcomes.Count);
        Assert.All(outcomes, o => Assert.IsType<Registered>(o));
        Assert.Empty(_gong.Violations);
        Assert.Equal((5, 0), (_gong.OAuth.Refreshes, _gong.OAuth.InvalidGrants));

        // Each refresh token went to Gong exactly once; the live one is saved and not spent yet.
        var issued = _gong.OAuth.RefreshTokensOf(Customer);
        Assert.Equal(6, issued.Count);
        Assert.All(issued.SkipLast(1), t => Assert.Equal(1, _gong.OAuth.UsesOf(t)));
        Assert.Equal(0, _gong.OAuth.UsesOf(issued[^1]));
        Assert.Equal(issued[^1], _store.Get(SeedKey)!.State.RefreshToken);

        // Registered through api_base_url_for_customer with a Bearer token; secrets never in a URL.
        Assert.NotEmpty(_gong.ApiRequests);
        Assert.All(_gong.ApiRequests, r => Assert.Equal(_gong.CustomerBaseUrl.Authority, r.Header("Host")));
        Assert.All(_gong.ApiRequests, r => Assert.StartsWith("Bearer at-", r.Header("Authorization"), StringComparison.Ordinal));
        Assert.All(_gong.TokenRequests, r => Assert.Equal("POST /oauth2/generate-customer-token HTTP/1.1", r.RequestLine));
        Assert.All(_gong.Requests, r => Assert.DoesNotContain(App.ClientSecret, r.RequestLine, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_authorization_ends_as_AuthorizationRevoked_and_is_not_tried_again_until_a_new_seed()
    {
        var seed = Seed(_gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer));
        Assert.IsType<Registered>(await RegisterAsync(seed, "https://r0.partner.com"));

        // The customer removes the app: the access token in hand is refused (401), the refresh token is unknown.
        _gong.OAuth.Forget(Customer);
        var revoked = await RegisterAsync(seed, "https://r1.partner.com");
        var requests = _gong.Requests.Count;
        var later = new List<RegistrationOutcome>();
        foreach (var gap in new[] { TimeSpan.Zero, Lifetime, Lifetime * 5 })
        {
            _time.Advance(gap);
            later.Add(await RegisterAsync(seed, "https://r1.partner.com"));
        }

        var refusal = Assert.IsType<AuthorizationRevoked>(revoked);
        Assert.Equal((400, "invalid_grant"), (refusal.StatusCode, refusal.Error));
        Assert.All(later, o => Assert.IsType<AuthorizationRevoked>(o));
        Assert.Equal(requests, _gong.Requests.Count);
        Assert.Equal(1, _gong.OAuth.InvalidGrants);
        Assert.Empty(_gong.Violations);

        // A person re-authorizes the app and puts the new refresh token into the seed.
        var reauthorized = Seed(_gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer), version: "2");
        Assert.IsType<Registered>(await RegisterAsync(reauthorized, "https://r1.partner.com"));
        Assert.Equal(1, _gong.OAuth.InvalidGrants);
    }

    [Fact]
    public async Task A_429_from_the_token_endpoint_holds_every_refresh_of_the_authorization_until_its_Retry_After()
    {
        var seed = Seed(_gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer));
        var limited = true;
        _gong.OAuth.Answer = (_, _) => Task.FromResult(Volatile.Read(ref limited)
            ? StrictGongAnswer.Json(429, """{"error":"rate_limit_exceeded"}""", retryAfterSeconds: 30)
            : null);
        var askedAt = _time.GetUtcNow();

        // Many origins of the authorization need a token at once (a restart, a burst of creates).
        var burst = await Held(Task.WhenAll(Enumerable.Range(0, 8).Select(i => Register(seed, $"https://b{i}.partner.com"))));
        var answeredBy = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(20));
        var tooEarly = await Held(Register(seed, "https://b0.partner.com"));

        Assert.All(burst.Append(tooEarly), o => Assert.Equal(429, Assert.IsType<Unavailable>(o).StatusCode));
        Assert.InRange(tooEarly.RetryNotBefore!.Value, askedAt.AddSeconds(30), answeredBy.AddSeconds(30));
        Assert.All(burst, o => Assert.Equal(tooEarly.RetryNotBefore, o.RetryNotBefore));
        Assert.Single(_gong.TokenRequests);

        Volatile.Write(ref limited, false);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.IsType<Registered>(await RegisterAsync(seed, "https://b0.partner.com"));
        Assert.Equal(2, _gong.TokenRequests.Count);
        Assert.Equal((1, 0), (_gong.OAuth.Refreshes, _gong.OAuth.InvalidGrants));
        Assert.Empty(_gong.Violations);
    }

    [Fact]
    public async Task A_5xx_from_the_token_endpoint_without_Retry_After_backs_off_as_an_origin_does_and_does_not_spin()
    {
        var seed = Seed(_gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer));
        var failing = true;
        _gong.OAuth.Answer = (_, _) => Task.FromResult(Volatile.Read(ref failing)
            ? StrictGongAnswer.Html(503, "<html><body>Service Temporarily Unavailable</body></html>")
            : null);

        var firstAsked = _time.GetUtcNow();
        var first = await Held(Task.WhenAll(Enumerable.Range(0, 8).Select(i => Register(seed, $"https://b{i}.partner.com"))));
        var firstAnswered = _time.GetUtcNow();
        _time.Advance(Backoff.AfterTransientFailure(1));
        var secondAsked = _time.GetUtcNow();
        var second = await Held(Register(seed, "https://b0.partner.com"));
        var secondAnswered = _time.GetUtcNow();
        _time.Advance(Backoff.AfterTransientFailure(1));
        var tooEarly = await Held(Register(seed, "https://b0.partner.com"));

        // One hold for every caller, as long as an origin's first backoff; then twice as long; nothing sent meanwhile.
        Assert.All(first, o => Assert.Equal(first[0].RetryNotBefore, Assert.IsType<Unavailable>(o).RetryNotBefore));
        Assert.InRange(first[0].RetryNotBefore!.Value, firstAsked + Backoff.AfterTransientFailure(1), firstAnswered + Backoff.AfterTransientFailure(1));
        Assert.InRange(second.RetryNotBefore!.Value, secondAsked + Backoff.AfterTransientFailure(2), secondAnswered + Backoff.AfterTransientFailure(2));
        Assert.Equal(second.RetryNotBefore, tooEarly.RetryNotBefore);
        Assert.Equal(2, _gong.TokenRequests.Count);

        Volatile.Write(ref failing, false);
        _time.Advance(Backoff.AfterTransientFailure(1));
        Assert.IsType<Registered>(await RegisterAsync(seed, "https://b0.partner.com"));
        Assert.Equal((3, 1, 0), (_gong.TokenRequests.Count, _gong.OAuth.Refreshes, _gong.OAuth.InvalidGrants));
    }

    [Fact]
    public async Task A_Retry_After_beyond_an_hour_holds_the_authorization_for_an_hour_at_most()
    {
        var seed = Seed(_gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer));
        _gong.OAuth.Answer = (_, _) => Task.FromResult<StrictGongAnswer?>(
            StrictGongAnswer.Json(503, """{"error":"temporarily_unavailable"}""", retryAfterSeconds: 99_999_999));

        var askedAt = _time.GetUtcNow();
        var held = Assert.IsType<Unavailable>(await Held(Register(seed, "https://c0.partner.com")));

        Assert.InRange(held.RetryNotBefore!.Value, askedAt.AddHours(1), _time.GetUtcNow().AddHours(1));
        Assert.Single(_gong.TokenRequests);
    }

    [Fact]
    public async Task A_new_seed_after_failed_refreshes_starts_its_backoff_afresh()
    {
        var seed = Seed(_gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer));
        _gong.OAuth.Answer = (_, _) => Task.FromResult<StrictGongAnswer?>(StrictGongAnswer.Html(502, "<html><body>Bad Gateway</body></html>"));
        await Held(Register(seed, "https://d0.partner.com"));
        _time.Advance(Backoff.AfterTransientFailure(1));
        await Held(Register(seed, "https://d0.partner.com"));

        // A person re-authorizes while the endpoint still fails: the new refresh token's first failure waits the first step.
        var reauthorized = Seed(_gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer), version: "2");
        var askedAt = _time.GetUtcNow();
        var first = Assert.IsType<Unavailable>(await Held(Register(reauthorized, "https://d0.partner.com")));

        Assert.InRange(first.RetryNotBefore!.Value, askedAt + Backoff.AfterTransientFailure(1), _time.GetUtcNow() + Backoff.AfterTransientFailure(1));
        Assert.Equal(3, _gong.TokenRequests.Count);
    }

    private Task<RegistrationOutcome> RegisterAsync(OAuthSeed seed, string origin) => Drive(Register(seed, origin));

    /// <summary>
    /// Calls that end at the token endpoint (refused or held back) wait on no clock: awaited in real time, bounded, so
    /// that fake time cannot pass a hold while a loaded machine is slow.
    /// </summary>
    private static Task<T> Held<T>(Task<T> calls) => calls.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    private Task<RegistrationOutcome[]> Round(OAuthSeed seed, int round) =>
        Drive(Task.WhenAll(Enumerable.Range(0, 3).Select(i => Register(seed, $"https://r{round}-{i}.partner.com"))));

    /// <summary>The operator's call for an origin of an OAuth seed, as <see cref="OriginRegistrar"/> makes it.</summary>
    private Task<RegistrationOutcome> Register(OAuthSeed seed, string origin) =>
        _authorizations.RegisterAsync(_client.GetRequiredService<IGongRegistrar>(), seed, new OriginRegistration("DIALER", origin), TestContext.Current.CancellationToken);

    /// <summary>Lets <paramref name="task"/> finish, moving the clock while it waits (a company's first call waits one rate window for its budget).</summary>
    private Task<T> Drive<T>(Task<T> task) => _time.Drive(task, maxSteps: 200);

    private static OAuthSeed Seed(string refreshToken, string version = "1") =>
        new(SeedKey, "uid-1", version, App, refreshToken, null, "secret:" + SeedKey);
}
