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
            return Unavailable.CircuitOpen(retryAt);
        }
        catch (TimeoutRejectedException)
        {
            return Unavailable.Timeout();
        }
        catch (HttpRequestException failed)
        {
            // The error kind only: exception messages are not ours to vouch for.
            return Unavailable.ConnectionFailed(failed.HttpRequestError);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Unavailable.Timeout();
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
            return Unavailable.TimeoutReadingBody(status);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return Unavailable.ConnectionFailedReadingBody(status);
        }

        var parsed = Parse(bytes);
        if (parsed is null && bytes.Length > 0 && status != 429)
        {
            // Not Gong's JSON: an error page of a proxy or gateway in front of Gong (a 429 is obeyed wherever it comes from).
            return Unavailable.NotGongJson(status, response.Content.Headers.ContentType?.MediaType);
        }

        var outcome = GongAnswers.ToOutcome(status, parsed, () =>
        {
            var now = time.GetUtcNow();
            return RetryAfter.ToInstant(response.Headers.RetryAfter, now) ?? now + options.Value.RetryAfterWhenMissing;
        });
        if (outcome is RateLimited limited)
        {
            budget.BlockUntil(limited.Until);
            Log.RateLimitedByGong(logger, budget.Key.Label, limited.Until, limited.RequestId);
        }

        return outcome;
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
