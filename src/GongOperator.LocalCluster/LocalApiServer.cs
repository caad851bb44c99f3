using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Server;
using GongOperator.LocalCluster.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongOperator.LocalCluster;

/// <summary>
/// An embedded Kubernetes API server on 127.0.0.1 that kubectl, helm and KubernetesClient accept:
/// discovery, OpenAPI, generic storage of built-in kinds and custom resources, watches, and a
/// state directory that survives restarts.
/// </summary>
public sealed class LocalApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectStore _store;
    private readonly WatchGate _gate;
    private readonly StorageSwaps _swaps;
    private readonly FaultHooks _faults;
    private X509Certificate2? _certificate;

    private LocalApiServer(WebApplication app, ObjectStore store, WatchGate gate, StorageSwaps swaps, FaultHooks faults, Uri baseAddress, string kubeconfigPath, string token, X509Certificate2? certificate)
    {
        _app = app;
        _faults = faults;
        _store = store;
        _gate = gate;
        _swaps = swaps;
        BaseAddress = baseAddress;
        KubeconfigPath = kubeconfigPath;
        Token = token;
        _certificate = certificate;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:34567/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The kubeconfig written for clients (context <c>local</c>).</summary>
    public string KubeconfigPath { get; }

    /// <summary>The bearer token (required over HTTPS; over plain HTTP a request may also carry no credentials).</summary>
    public string Token { get; }

    /// <summary>The newest resourceVersion committed.</summary>
    public long CurrentResourceVersion => _store.CurrentResourceVersion;

    /// <summary>Number of watch streams open right now (for tests that must cut a stream that exists).</summary>
    internal int OpenWatchCount => _store.WatcherCount;

    /// <summary>Starts the server; returns once clients can connect.</summary>
    public static async Task<LocalApiServer> StartAsync(LocalApiServerOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "Port must be 0..65535");
        }

        if (options.MaxRequestBodyBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRequestBodyBytes, "MaxRequestBodyBytes must be positive");
        }

        if (options.CrdStorageSwapWindow < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CrdStorageSwapWindow, "CrdStorageSwapWindow must not be negative");
        }

        var token = string.IsNullOrEmpty(options.Token) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : options.Token;
        var stateDir = options.StateDir is null ? null : Path.GetFullPath(options.StateDir);
        var configDir = stateDir ?? Directory.CreateTempSubdirectory("gong-operator-apiserver-").FullName;
        var persistence = stateDir is null ? null : new StatePersistence(Path.Combine(stateDir, "objects"));
        var store = new ObjectStore(persistence);
        var registry = new ResourceRegistry();
        var swaps = new StorageSwaps(store, options.TimeProvider, options.CrdStorageSwapWindow);
        var operations = new ApiOperations(store, registry, swaps, options.TimeProvider);
        var gate = new WatchGate();
        var faults = new FaultHooks();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("GongOperator.LocalCluster");
        var handler = new ApiRequestHandler(operations, options, token, gate, faults, logger);

        X509Certificate2? certificate = null;
        byte[]? caPem = null;
        if (options.Https)
        {
            (certificate, caPem) = SelfSignedCertificates.Create(options.TimeProvider);
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate);
                }
                else
                {
                    listen.Protocols = HttpProtocols.Http1;
                }
            });
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            swaps.Dispose();
            store.Dispose();
            certificate?.Dispose();
            throw;
        }

        // Only once the port is ours: a start that fails to bind (a taken --port) must leave a new state directory
        // unwritten. No client knows the address before the kubeconfig below is written.
        operations.Bootstrap();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var baseAddress = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}/");
        handler.ServerAddress = "127.0.0.1:" + port;
        var kubeconfig = Path.Combine(configDir, "kubeconfig");
        KubeconfigWriter.Write(kubeconfig, baseAddress, token, caPem);
        Log.Listening(logger, baseAddress, stateDir ?? "(memory)");
        return new LocalApiServer(app, store, gate, swaps, faults, baseAddress, kubeconfig, token, certificate);
    }

    /// <summary>Test hook: closes every open watch stream abruptly, as a network cut would.</summary>
    public void DropWatches() => _store.DropWatches();

    /// <summary>Test hook: keeps watch streams open but delivers nothing while stalled.</summary>
    public void StallWatches(bool stalled) => _gate.Set(stalled);

    /// <summary>Test hook: every resourceVersion older than now answers 410 to watches and Exact lists.</summary>
    public void CompactHistory() => _store.CompactHistory();

    /// <summary>
    /// Test hook, as controller-runtime's interceptor client but on the server side: every resource request (not
    /// discovery or OpenAPI) is first shown to <paramref name="interceptor"/>, which may wait (to hold a request, as a
    /// slow server does) and returns null to serve it or an <see cref="ApiFault"/> to answer it instead, unserved.
    /// Null removes the hook. Requests refused by a CRD storage swap never reach it.
    /// </summary>
    public void Intercept(Func<ApiRequestInfo, CancellationToken, ValueTask<ApiFault?>>? interceptor) => _faults.Interceptor = interceptor;

    /// <summary>
    /// Test hook: the next <paramref name="count"/> object events written on any watch stream (not bookmarks) are cut
    /// in the middle: the first half of the event's line is sent, then the connection is aborted (a reset, which may
    /// discard the half line before the client reads it), as a network cut mid-event would. 0 disarms it.
    /// </summary>
    public void CutWatchEvents(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _faults.CutEvents(count);
    }

    public async ValueTask DisposeAsync()
    {
        _store.DropWatches();
        _gate.Set(false);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _swaps.Dispose();
        _store.Dispose();
        _certificate?.Dispose();
        _certificate = null;
    }
}
