using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GongOperator.Gong.Budget;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GongOperator.Gong.Api;

/// <summary>
/// One POST /v2/integration-settings through the company's pipeline, turned into an outcome. Every status
/// code, header and body is read here, which is why this is a typed HttpClient and not Refit (see README).
/// </summary>
internal sealed class GongApiClient(
    IHttpClientFactory httpClientFactory,
    TimeProvider time,
    IOptions<GongClientOptions> options,
    ILogger<GongApiClient> logger)
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    public async Task<RegistrationOutcome> PostAsync(
        GongCompany company,
        CompanyBudget budget,
        IReadOnlyList<OriginRegistration> origins,
        CancellationToken ct)
    {
        var body = new IntegrationSettingsRequest(
            origins.Select(o => new IntegrationTypeSetting(o.IntegrationType, o.AllowedOrigin)).ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, company.IntegrationSettingsUrl);
        request.Headers.Authorization = company.Credentials.ToAuthorizationHeader();
        request.Headers.Accept.Add(Json);
        request.Headers.UserAgent.Add(GongHttp.UserAgent);
        // Serialized up front: a buffered body goes out with Content-Length. A streamed one (JsonContent) goes out
        // chunked, which some gateways in front of an API refuse with 411 or a closed connection.
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, GongJsonContext.Default.IntegrationSettingsRequest))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
        };
        request.Options.Set(GongRequestOptions.Budget, budget);
        request.Options.Set(GongRequestOptions.PipelineKey, budget.Key.PipelineKey);
        Log.CallSending(logger, budget.Key.Label, origins.Count);

        var client = httpClientFactory.CreateClient(GongHttp.ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (BudgetBlockedException blocked)
        {
            return blocked.Decision.ToClosedOutcome();
        }
        catch (BrokenCircuitException open)
        {
            DateTimeOffset? retryAt = open.RetryAfter is { } after ? time.GetUtcNow() + after : null;
            return new Unavailable("circuit open", null, retryAt, null, null);
        }
        catch (TimeoutRejectedException)
        {
            return new Unavailable("timeout", null, null, null, null);
        }
        catch (HttpRequestException failed)
        {
            // The error kind only: exception messages are not ours to vouch for.
            return new Unavailable("connection failed (" + failed.HttpRequestError + ")", null, null, null, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Unavailable("timeout", null, null, null, null);
        }

        using (response)
        {
            return await InterpretAsync(response, budget, ct).ConfigureAwait(false);
        }
    }

    private async Task<RegistrationOutcome> InterpretAsync(HttpResponseMessage response, CompanyBudget budget, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        byte[] bytes;
        try
        {
            using var bodyTimeout = new CancellationTokenSource(options.Value.AttemptTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, bodyTimeout.Token);
            bytes = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Unavailable("timeout reading response body", status, null, null, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new Unavailable("connection failed while reading response body", status, null, null, null);
        }

        var parsed = Parse(bytes);
        if (parsed is null && bytes.Length > 0 && response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            // Not Gong's JSON: an error page of a proxy or gateway in front of Gong (a 429 is obeyed wherever it comes from).
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            return new Unavailable($"HTTP {status} answered with {mediaType}, not Gong's JSON", status, null, null, null);
        }

        var requestId = parsed?.RequestId;
        var errors = parsed?.Errors;
        switch (response.StatusCode)
        {
            case >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices:
                if (parsed?.TryGetIntegrationId(out var id) == true)
                {
                    return new Registered(id, requestId);
                }

                var problem = parsed?.IntegrationId is null ? "without an integrationId" : "with an integrationId that is not a 64-bit integer";
                return new Unavailable($"HTTP {status} {problem}", status, null, requestId, errors);
            case HttpStatusCode.BadRequest:
                return new Rejected(requestId, errors);
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                return new Unauthorized(status, requestId, errors);
            case HttpStatusCode.Conflict:
                return new AlreadyRegistered(requestId, errors);
            case HttpStatusCode.TooManyRequests:
                var now = time.GetUtcNow();
                var until = RetryAfter.ToInstant(response.Headers.RetryAfter, now) ?? now + options.Value.RetryAfterWhenMissing;
                budget.BlockUntil(until);
                Log.RateLimitedByGong(logger, budget.Key.Label, until, requestId);
                return new RateLimited(until, requestId, errors);
            default:
                return new Unavailable("HTTP " + status, status, null, requestId, errors);
        }
    }

    private static IntegrationSettingsResponse? Parse(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, GongJsonContext.Default.IntegrationSettingsResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
