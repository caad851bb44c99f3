using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongOperator.GongSimulator;

/// <summary>A Gong API simulator serving <c>POST /v2/integration-settings</c> and its admin API on 127.0.0.1 (Kestrel).</summary>
public sealed class GongSimulator : IAsyncDisposable
{
    /// <summary>Name of the company served when none is configured.</summary>
    public const string DemoCompanyName = "demo";

    /// <summary>Access key of the demo company (HTTP Basic user name).</summary>
    public const string DemoAccessKey = "demo-access-key";

    /// <summary>Access key secret of the demo company (HTTP Basic password).</summary>
    public const string DemoAccessKeySecret = "demo-access-key-secret";

    /// <summary>Client id of the demo company's OAuth app.</summary>
    public const string DemoOAuthClientId = "demo-oauth-client";

    /// <summary>Client secret of the demo company's OAuth app.</summary>
    public const string DemoOAuthClientSecret = "demo-oauth-client-secret";

    /// <summary>The refresh token the demo company's authorization starts with (single-use, like every refresh token).</summary>
    public const string DemoOAuthRefreshToken = "demo-oauth-refresh-token";

    private readonly WebApplication _app;
    private readonly SimulatorState _state;
    private int _disposed;

    private GongSimulator(WebApplication app, SimulatorState state, Uri baseAddress, Uri customerBaseAddress)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
        CustomerBaseAddress = customerBaseAddress;
    }

    /// <summary>Where it serves, e.g. <c>http://127.0.0.1:41234/</c>: a Gong base URL for clients.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// The companies' own API host, <c>http://127.0.0.1:OTHERPORT/</c>: the token endpoint names it as
    /// <c>api_base_url_for_customer</c>, and access tokens it issued are honoured there only.
    /// </summary>
    public Uri CustomerBaseAddress { get; }

    /// <summary>The token endpoint's URL (<c>--gong-oauth-token-url</c> for the operator).</summary>
    public Uri TokenUrl => new(BaseAddress, OAuthAuthority.TokenPath.TrimStart('/'));

    /// <summary>The companies served (the demo company when none was configured).</summary>
    public IReadOnlyList<SimulatedCompany> Companies => _state.Companies;

    /// <summary>A snapshot of the calls received so far, oldest first (the most recent <see cref="SimulatorState.MaxRecordedCalls"/>).</summary>
    public IReadOnlyList<SimulatedCall> Calls => _state.GetCalls();

    /// <summary>A snapshot of every company's registered origins.</summary>
    public IReadOnlyList<SimulatedRegistration> Registrations => _state.GetRegistrations(null);

    /// <summary>The faults in force now.</summary>
    public SimulatorFaultState Faults => _state.GetFaults();

    /// <summary>Starts serving; returns once the port is bound. Throws <see cref="ArgumentException"/> for invalid options.</summary>
    public static async Task<GongSimulator> StartAsync(GongSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        var state = new SimulatorState(options);
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("GongOperator.GongSimulator");

        // The empty builder reads no appsettings and no ASPNETCORE_* variables: the simulator serves exactly what it is given.
        ListenOptions? main = null;
        ListenOptions? customers = null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(GongSimulator).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => main = listen);
            kestrel.Listen(IPAddress.Loopback, options.CustomerApiPort, listen => customers = listen);
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();

        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        // The ports are known once serving; the endpoints read them then.
        var customerPort = -1;
        var gong = new GongEndpoint(state, logger, options.OnCall, () => customerPort, stopping);
        app.MapPost(GongEndpoint.Path, (RequestDelegate)gong.HandleAsync);
        var tokens = new TokenEndpoint(state, logger, () => Loopback(customerPort));
        app.MapPost(OAuthAuthority.TokenPath, (RequestDelegate)tokens.HandleAsync);
        new AdminEndpoints(state, logger).Map(app);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Kestrel writes the bound endpoint (the port picked for 0) back into each listen options.
        customerPort = customers!.IPEndPoint!.Port;
        var baseAddress = Loopback(main!.IPEndPoint!.Port);
        Log.Serving(logger, baseAddress);
        return new GongSimulator(app, state, baseAddress, Loopback(customerPort));
    }

    /// <summary>Sets each fault the spec names (as <c>POST /_simulator/faults</c>); throws <see cref="ArgumentException"/> for out-of-range values.</summary>
    public SimulatorFaultState InjectFaults(SimulatorFaultSpec faults) => _state.InjectFaults(faults);

    /// <summary>Removes every fault (as <c>DELETE /_simulator/faults</c>).</summary>
    public SimulatorFaultState ClearFaults() => _state.ClearFaults();

    /// <summary>Sets the answer to an origin already registered for every company (null) or one (as <c>POST /_simulator/conflict-mode</c>); an unknown company throws <see cref="ArgumentException"/>.</summary>
    public void SetConflictMode(SimulatorConflictMode mode, string? company = null) => _state.SetConflictMode(mode, company);

    /// <summary>Sets whether a POST adds to or replaces the list of origins, for every company (null) or one (as <c>POST /_simulator/registration-mode</c>); an unknown company throws <see cref="ArgumentException"/>.</summary>
    public void SetRegistrationMode(SimulatorRegistrationMode mode, string? company = null) => _state.SetRegistrationMode(mode, company);

    /// <summary>Spends a company's daily quota until the next window (00:00 UTC); the same as the fault <c>exhaustQuota</c>.</summary>
    public void ExhaustQuota(string company) => _state.InjectFaults(new SimulatorFaultSpec { ExhaustQuota = [company] });

    /// <summary>Each company's configuration and usage now (as <c>GET /_simulator/companies</c>).</summary>
    public IReadOnlyList<SimulatedCompanyStatus> GetCompanyStatus() => _state.GetCompanies();

    /// <summary>One company's registered origins (as <c>GET /_simulator/registrations?company=NAME</c>).</summary>
    public IReadOnlyList<SimulatedRegistration> GetRegistrations(string company) => _state.GetRegistrations(company);

    /// <summary>Forgets the call list (as <c>DELETE /_simulator/calls</c>).</summary>
    public void ClearCalls() => _state.ClearCalls();

    /// <summary>Forgets registrations, of every company (null) or one, as if Gong had lost them (as <c>DELETE /_simulator/registrations</c>).</summary>
    public void ClearRegistrations(string? company = null) => _state.ClearRegistrations(company);

    /// <summary>Back to the state at start with no faults: no calls, no registrations, no usage, the configured conflict modes (as <c>POST /_simulator/reset</c>).</summary>
    public void Reset() => _state.Reset();

    /// <summary>Each OAuth authorization: refreshes, invalid_grant answers, whether revoked (as <c>GET /_simulator/oauth</c>).</summary>
    public IReadOnlyList<SimulatedAuthorizationStatus> GetAuthorizations() => _state.OAuth.GetStatus();

    /// <summary>Revokes a company's OAuth authorization (as <c>POST /_simulator/oauth/revoke?company=NAME</c>).</summary>
    public void RevokeAuthorization(string company) => _state.OAuth.Revoke(company);

    /// <summary>The customer re-authorizes the app: returns the fresh refresh token (as <c>POST /_simulator/oauth/seed?company=NAME</c>).</summary>
    public string IssueSeed(string company) => _state.OAuth.IssueSeed(company);

    /// <summary>Stops serving and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Uri Loopback(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
}
