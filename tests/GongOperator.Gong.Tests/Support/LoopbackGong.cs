using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GongOperator.Gong.Tests.Support;

/// <summary>
/// A tiny Gong stand-in served by Kestrel on loopback, so the client is also exercised over real HTTP:
/// the origin's host name picks the answer (reset, 429 with a date, a huge id, or a plain 200).
/// </summary>
public sealed class LoopbackGong : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackGong(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<LoopbackGong> StartAsync(string expectedAuthorization)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/gong/v2/integration-settings", async context =>
        {
            if (context.Request.Headers.Authorization.ToString() != expectedAuthorization)
            {
                await Write(context, HttpStatusCode.Unauthorized, """{"requestId":"lb-401","errors":["access denied"]}""");
                return;
            }

            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var origin = body.RootElement.GetProperty("integrationTypeSettings")[0].GetProperty("allowedOrigin").GetString()!;
            switch (new Uri(origin).Host.Split('.')[0])
            {
                case "reset":
                    context.Abort();
                    return;
                case "date429":
                    context.Response.Headers.RetryAfter = "Sat, 21 Nov 2026 10:05:00 GMT";
                    await Write(context, HttpStatusCode.TooManyRequests, """{"requestId":"lb-429","errors":["limit exceeded"]}""");
                    return;
                default:
                    await Write(context, HttpStatusCode.OK, """{"requestId":"lb-200","integrationId":9223372036854775807,"unknown":[1]}""");
                    return;
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackGong(app, new Uri(address + "/gong/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Task Write(HttpContext context, HttpStatusCode status, string json)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }
}
