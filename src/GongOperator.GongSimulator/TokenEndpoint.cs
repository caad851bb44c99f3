using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GongOperator.GongSimulator;

/// <summary>
/// Serves Gong's token endpoint, <c>POST /oauth2/generate-customer-token</c>: <c>grant_type</c> and <c>refresh_token</c> in
/// the query string (Gong's examples) or a form body (RFC 6749), the app's client id and secret as HTTP Basic.
/// </summary>
internal sealed class TokenEndpoint(SimulatorState state, ILogger logger, Func<Uri> customerBaseUrl)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string? grantType = request.Query["grant_type"].FirstOrDefault();
        string? refreshToken = request.Query["refresh_token"].FirstOrDefault();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            grantType = form["grant_type"].FirstOrDefault() ?? grantType;
            refreshToken = form["refresh_token"].FirstOrDefault() ?? refreshToken;
        }

        var (status, success, error) = state.OAuth.Refresh(request.Headers.Authorization.ToString(), grantType, refreshToken, customerBaseUrl());
        Log.TokenCall(logger, status, error?.Error);
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        var bytes = success is not null
            ? JsonSerializer.SerializeToUtf8Bytes(success, SimulatorJsonContext.Default.TokenSuccessBody)
            : JsonSerializer.SerializeToUtf8Bytes(error!, SimulatorJsonContext.Default.TokenErrorBody);
        await GongEndpoint.WriteJsonAsync(context.Response, bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
