using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GongOperator.Hosting;

/// <summary>
/// A small Kestrel server on one bind address (controller-runtime's "--metrics-bind-address" style: ":8080",
/// "127.0.0.1:8080", port 0 for a free port) serving the routes <c>map</c> adds. One per address, so metrics and
/// probes can live on different ports as in every controller-runtime operator.
/// </summary>
internal sealed class ProbeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProbeServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The address actually bound (the port filled in when 0 was asked).</summary>
    public Uri Address { get; }

    /// <summary>Starts a server on <paramref name="bindAddress"/>; null when the address is "0" (disabled).</summary>
    public static async Task<ProbeServer?> StartAsync(string bindAddress, ILoggerFactory loggerFactory, Action<IEndpointRouteBuilder> map, CancellationToken cancellationToken)
    {
        if (bindAddress == "0")
        {
            return null;
        }

        var colon = bindAddress.LastIndexOf(':');
        var host = bindAddress[..colon];
        var port = int.Parse(bindAddress[(colon + 1)..], CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        // Kestrel's own logs stay out of the operator's: a bind failure becomes one line (OperatorStartupException).
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (host.Length == 0 || host is "0.0.0.0" or "*")
            {
                k.ListenAnyIP(port);
            }
            else
            {
                k.Listen(IPAddress.TryParse(host, out var ip) ? ip : IPAddress.Loopback, port);
            }
        });
        var app = builder.Build();
        map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new OperatorStartupException($"cannot listen on {bindAddress}: {e.Message}", 1, e);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ProbeServer(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
