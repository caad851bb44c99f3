using GongOperator.Gong;
using GongOperator.GongSimulator;
using GongOperator.Kubernetes.Controllers;
using GongOperator.OAuth;
using GongOperator.Testing;
using GongOperator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Tests.OAuth;

/// <summary>
/// The authorizations against the simulator's token endpoint and an in-memory stand-in of the state Secrets, on one fake
/// clock: rotation, the claim that keeps a second process out, the crash window, and a graceful stop.
/// </summary>
public sealed class OAuthAuthorizationsTests : IAsyncLifetime
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly ObjectKey SeedKey = new("tenant-acme", "gong-oauth");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-21T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly InMemoryAuthorizationStore _store = new();
    private Simulator _simulator = null!;
    private ServiceProvider _gong = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await Simulator.StartAsync(new GongSimulatorOptions { TimeProvider = _time, TokenLifetime = Lifetime }, TestContext.Current.CancellationToken);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddGongClient(_ => { });
        _gong = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _gong.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Registrations_go_on_across_many_expiries_with_one_refresh_each_and_no_invalid_grant()
    {
        var authorizations = Process();
        var registrar = _gong.GetRequiredService<IGongRegistrar>();

        for (var round = 0; round < 4; round++)
        {
            var outcome = await Drive(authorizations.RegisterAsync(registrar, Seed(), new OriginRegistration("DIALER", $"https://r{round}.partner.com"), TestContext.Current.CancellationToken));
            Assert.IsType<Registered>(outcome);
            _time.Advance(Lifetime * 0.95);
        }

        var demo = Assert.Single(_simulator.GetAuthorizations());
        Assert.Equal((4, 0), (demo.Refreshes, demo.InvalidGrants));
        Assert.Null(_store.Get(SeedKey)!.State.RefreshingBy);
    }

    [Fact]
    public async Task The_company_is_called_at_the_host_the_token_endpoint_names_and_keeps_one_budget_across_rotations()
    {
        var authorizations = Process();

        var first = await authorizations.GetAsync(Seed(), null, TestContext.Current.CancellationToken);
        _time.Advance(Lifetime);
        var second = await authorizations.GetAsync(Seed(), null, TestContext.Current.CancellationToken);

        Assert.Equal(_simulator.CustomerBaseAddress, first.Company!.BaseUrl);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(first.Company.Credentials.Identity, second.Company!.Credentials.Identity);
        Assert.Equal("secret:tenant-acme/gong-oauth", second.Company.Credentials.Identity);

        // Whatever --registration-strategy says: a fullSet call could not carry the seed's origins (see the README).
        Assert.Equal(RegistrationStrategyKind.Incremental, second.Company.Strategy);
    }

    [Fact]
    public async Task A_second_process_waits_for_the_first_ones_refresh_to_be_saved_and_then_uses_its_token()
    {
        var leaving = Process();
        var clock = new TimerWatchingTimeProvider(_time);
        var arriving = Process(clock);
        var (answered, saveMayGo) = HoldTheSave();

        // The leader change happens between Gong's answer and the save: the old leader is still saving.
        var old = leaving.GetAsync(Seed(), null, CancellationToken.None);
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var meanwhile = arriving.GetAsync(Seed(), null, TestContext.Current.CancellationToken);
        await clock.WhenTimersCreated(1).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(meanwhile.IsCompleted);
        saveMayGo.SetResult();
        var oldAccess = await old;
        var after = await Drive(meanwhile);

        Assert.Equal(oldAccess.AccessToken, after.AccessToken);
        Assert.Equal(1, Assert.Single(_simulator.GetAuthorizations()).Refreshes);
        _time.Advance(Lifetime);
        Assert.NotNull((await arriving.GetAsync(Seed(), null, TestContext.Current.CancellationToken)).Company);
        Assert.NotNull((await leaving.GetAsync(Seed(), null, TestContext.Current.CancellationToken)).Company);
        Assert.Equal(0, Assert.Single(_simulator.GetAuthorizations()).InvalidGrants);
    }

    [Fact]
    public async Task A_process_killed_between_Gongs_answer_and_the_save_loses_the_authorization_and_a_new_seed_brings_it_back()
    {
        var killed = Process();
        var answered = new TaskCompletionSource();
        _store.BeforeWrite = async state =>
        {
            if (state.AccessToken is not null && state.RefreshingBy is null && !answered.Task.IsCompleted)
            {
                // The process dies here: Gong has answered, nothing is saved, and it never runs again.
                answered.TrySetResult();
                await Task.Delay(Timeout.Infinite, TestContext.Current.CancellationToken);
            }
        };
        _ = killed.GetAsync(Seed(), null, CancellationToken.None);
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var successor = Process();
        var whileClaimed = await Drive(successor.GetAsync(Seed(), null, TestContext.Current.CancellationToken));
        _time.Advance(OAuthOptions.DefaultClaimTimeout);
        var afterClaim = await successor.GetAsync(Seed(), null, TestContext.Current.CancellationToken);
        var stored = _store.Get(SeedKey)!.State;

        Assert.IsType<Unavailable>(whileClaimed.Failure);
        var revoked = Assert.IsType<AuthorizationRevoked>(afterClaim.Failure);
        Assert.Equal("invalid_grant", revoked.Error);
        Assert.Contains("interrupted", stored.RevokedBecause, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(_simulator.GetAuthorizations()).InvalidGrants);

        // Not sent again while the seed is unchanged; a person's new seed brings it back.
        Assert.IsType<AuthorizationRevoked>((await successor.GetAsync(Seed(), null, TestContext.Current.CancellationToken)).Failure);
        Assert.Equal(1, Assert.Single(_simulator.GetAuthorizations()).InvalidGrants);
        var reauthorized = await successor.GetAsync(Seed(_simulator.IssueSeed("demo"), "2"), null, TestContext.Current.CancellationToken);
        Assert.NotNull(reauthorized.Company);
    }

    [Fact]
    public async Task A_graceful_stop_waits_until_a_refresh_answer_is_saved_so_the_next_process_goes_on()
    {
        var stopping = Process();
        var (answered, saveMayGo) = HoldTheSave();
        _ = stopping.GetAsync(Seed(), null, CancellationToken.None);
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var drain = stopping.DrainAsync(TestContext.Current.CancellationToken);
        Assert.False(drain.IsCompleted);
        saveMayGo.SetResult();
        await drain.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var next = await Process().GetAsync(Seed(), null, TestContext.Current.CancellationToken);
        Assert.NotNull(next.Company);
        Assert.Equal((1, 0), (Assert.Single(_simulator.GetAuthorizations()).Refreshes, Assert.Single(_simulator.GetAuthorizations()).InvalidGrants));
    }

    [Fact]
    public async Task A_failed_save_is_retried_from_memory_and_the_spent_token_is_never_sent_again()
    {
        var clock = new TimerWatchingTimeProvider(_time);
        var authorizations = Process(clock);
        var failures = 2;
        _store.BeforeWrite = state =>
        {
            if (state.AccessToken is not null && state.RefreshingBy is null && failures > 0)
            {
                failures--;
                throw new HttpRequestException("the API server is away");
            }

            return Task.CompletedTask;
        };

        var pending = authorizations.GetAsync(Seed(), null, TestContext.Current.CancellationToken);
        for (var i = 0; i < 2; i++)
        {
            // The backoff waits on the clock: move it once the wait has begun.
            await clock.WhenTimersCreated(i + 1).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.NotNull((await pending).Company);
        Assert.Equal((1, 0), (Assert.Single(_simulator.GetAuthorizations()).Refreshes, Assert.Single(_simulator.GetAuthorizations()).InvalidGrants));
    }

    [Fact]
    public async Task A_401_refreshes_once_and_a_second_401_is_the_answer()
    {
        var authorizations = Process();
        var first = await authorizations.GetAsync(Seed(), null, TestContext.Current.CancellationToken);

        var refreshed = await authorizations.GetAsync(Seed(), first.AccessToken, TestContext.Current.CancellationToken);
        var again = await authorizations.GetAsync(Seed(), null, TestContext.Current.CancellationToken);

        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.Equal(refreshed.AccessToken, again.AccessToken);
        Assert.Equal(2, Assert.Single(_simulator.GetAuthorizations()).Refreshes);
    }

    /// <summary>
    /// Holds the save of a refresh answer: <c>Answered</c> completes once Gong has answered and the save is held, and the
    /// save goes on when the test completes <c>SaveMayGo</c>.
    /// </summary>
    private (TaskCompletionSource Answered, TaskCompletionSource SaveMayGo) HoldTheSave()
    {
        var answered = new TaskCompletionSource();
        var saveMayGo = new TaskCompletionSource();
        _store.BeforeWrite = async state =>
        {
            if (state.AccessToken is not null && state.RefreshingBy is null && !saveMayGo.Task.IsCompleted)
            {
                answered.TrySetResult();
                await saveMayGo.Task;
            }
        };
        return (answered, saveMayGo);
    }

    /// <summary>Lets <paramref name="task"/> finish, moving the clock while it waits (a company's first call waits one rate window for its budget).</summary>
    private Task<T> Drive<T>(Task<T> task) => _time.Drive(task, maxSteps: 200);

    private OAuthAuthorizations Process(TimeProvider? clock = null) => new(
        _store,
        _gong.GetRequiredService<IGongTokenClient>(),
        new OAuthOptions { StateNamespace = "gong-system", TokenUrl = _simulator.TokenUrl },
        new Uri("https://api.gong.io"),
        clock ?? _time,
        NullLogger<OAuthAuthorizations>.Instance);

    private static OAuthSeed Seed(string refreshToken = Simulator.DemoOAuthRefreshToken, string version = "1") =>
        new(SeedKey, "uid-1", version, new OAuthClientCredentials(Simulator.DemoOAuthClientId, Simulator.DemoOAuthClientSecret), refreshToken, null, "secret:" + SeedKey);
}
