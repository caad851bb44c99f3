using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace GongOperator.GongSimulator;

/// <summary>
/// Serves Gong's token endpoint, <c>POST /oauth2/generate-customer-token</c>: <c>grant_type</c> and <c>refresh_token</c> in
/// the query string (Gong's examples) or a form body (RFC 6749), the app's client id and secret as HTTP Basic. A
/// parameter in neither place, given twice, or in both with different values is 400 <c>invalid_request</c> (RFC 6749,
/// 5.2), not a guess at which one was meant.
/// </summary>
internal sealed class TokenEndpoint(SimulatorState state, ILogger logger, Func<Uri> customerBaseUrl)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var form = request.HasFormContentType ? await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : null;
        string? invalidRequest = null;
        string? Parameter(string name)
        {
            var inQuery = request.Query[name];
            var inForm = form?[name] ?? StringValues.Empty;
            var problem = (inQuery.Count, inForm.Count) switch
            {
                ( > 1, _) or (_, > 1) => name + " is given more than once",
                (0, 0) => name + " is missing from both the query string and the form body",
                (1, 1) when inQuery[0] != inForm[0] => name + " differs between the query string and the form body",
                _ => null,
            };
            invalidRequest ??= problem;
            return problem is null ? (inForm.Count == 1 ? inForm[0] : inQuery[0]) : null;
        }

        var grantType = Parameter("grant_type");
        var refreshToken = Parameter("refresh_token");
        var (status, success, error) = state.OAuth.Refresh(request.Headers.Authorization.ToString(), invalidRequest, grantType, refreshToken, customerBaseUrl());
        Log.TokenCall(logger, status, error?.Error);
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        var bytes = success is not null
            ? JsonSerializer.SerializeToUtf8Bytes(success, SimulatorJsonContext.Default.TokenSuccessBody)
            : JsonSerializer.SerializeToUtf8Bytes(error!, SimulatorJsonContext.Default.TokenErrorBody);
        await GongEndpoint.WriteJsonAsync(context.Response, bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
