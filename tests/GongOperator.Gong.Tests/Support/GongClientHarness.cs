using GongOperator.Gong.Api;
using GongOperator.Gong.Metrics;
using GongOperator.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace GongOperator.Gong.Tests.Support;

/// <summary>The real client over a stub Gong, on a fake clock, with captured logs and a private metrics registry.</summary>
public sealed class GongClientHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    /// <param name="configure">Options on top of the harness's (small backoff, long timeouts).</param>
    /// <param name="overRealHttp">Calls go over real HTTP to the base URL of the company, not to <see cref="Gong"/>.</param>
    /// <param name="addServices">Extra registrations.</param>
    /// <param name="realClock">The client runs on the system clock (with a server that has its own), not on <see cref="Time"/>; implies real HTTP.</param>
    public GongClientHarness(Action<GongClientOptions>? configure = null, bool overRealHttp = false, Action<IServiceCollection>? addServices = null, bool realClock = false)
    {
        // The clock starts a little before Start: the budgets of the usual companies are made then, so that the wait a
        // new budget begins with (a previous process may have spent the rate) is over when a test begins, at Start.
        Time = new FakeTimeProvider(Start - WarmUp);
        Gong = new StubGong(Time);
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(realClock ? TimeProvider.System : Time);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddSingleton(new GongMetrics(Registry));
        addServices?.Invoke(services);
        services.AddGongClient(o =>
        {
            // Small backoff; long timeouts, because Drive moves the fake clock faster than real time and a slow
            // first call (JIT, a loaded CI machine) must not time out by accident. Tests that exercise timeouts set them.
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
            o.AttemptTimeout = TimeSpan.FromMinutes(5);
            o.TotalTimeout = TimeSpan.FromMinutes(10);
            configure?.Invoke(o);
        });
        if (!overRealHttp && !realClock)
        {
            services.AddHttpClient(GongHttp.ClientName)
                .ConfigurePrimaryHttpMessageHandler(() => Gong)
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }

        _provider = services.BuildServiceProvider();
        Logs = _provider.GetFakeLogCollector();
        foreach (var company in new[] { Companies.Acme, Companies.Globex, Companies.Bearer })
        {
            Budgets.GetBudgetState(company);
        }

        Time.Advance(WarmUp);
    }

    /// <summary>How long before <see cref="Start"/> the usual companies' budgets are made: more than one rate window.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    public FakeTimeProvider Time { get; }

    public StubGong Gong { get; }

    public CollectorRegistry Registry { get; }

    public FakeLogCollector Logs { get; }

    public IGongRegistrar Registrar => _provider.GetRequiredService<IGongRegistrar>();

    /// <summary>The token endpoint's client, as the operator gets it.</summary>
    public IGongTokenClient Tokens => _provider.GetRequiredService<IGongTokenClient>();

    /// <summary>The registrar behind the interface, for what only tests look at (budget state).</summary>
    internal GongRegistrar Budgets => _provider.GetRequiredService<GongRegistrar>();

    public Task<RegistrationOutcome> Register(GongCompany company, string origin, string type = "DIALER") =>
        Registrar.RegisterAsync(company, new OriginRegistration(type, origin), TestContext.Current.CancellationToken);

    /// <summary>Lets <paramref name="task"/> finish, moving the fake clock while it waits (<see cref="FakeClock.Drive"/>).</summary>
    public Task<T> Drive<T>(Task<T> task, TimeSpan? step = null, int maxSteps = 2000) => Time.Drive(task, step, maxSteps);

    public Task<RegistrationOutcome[]> Drive(IEnumerable<Task<RegistrationOutcome>> tasks, TimeSpan? step = null) =>
        Drive(Task.WhenAll(tasks), step);

    /// <summary>Every captured log line with its message, exception and structured values, as one string.</summary>
    public string AllLogText() => string.Join(
        "\n",
        Logs.GetSnapshot().Select(r =>
            r.Message + " | " + r.Exception + " | " + string.Join(",", r.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? [])));

    public async Task<string> MetricsText()
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
