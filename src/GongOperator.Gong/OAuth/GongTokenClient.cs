using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GongOperator.Gong.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongOperator.Gong.OAuth;

/// <summary>
/// The refresh request as Gong documents it: <c>POST {token URL}</c>, <c>grant_type=refresh_token</c> and
/// <c>refresh_token</c>, the app's client id and secret as HTTP Basic. The two fields go in a form body (RFC 6749) rather
/// than the query string of Gong's examples: a URL is what proxies and access logs write down.
/// </summary>
internal sealed class GongTokenClient(IHttpClientFactory httpClientFactory, IOptions<GongClientOptions> options, TimeProvider time, ILogger<GongTokenClient> logger) : IGongTokenClient
{
    public const string ClientName = "GongOperator.Gong.OAuth";

    public async Task<TokenRefreshResult> RefreshAsync(Uri tokenUrl, OAuthClientCredentials client, string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenUrl);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);

        var form = "grant_type=refresh_token&refresh_token=" + Uri.EscapeDataString(refreshToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl);
        request.Headers.Authorization = BasicCredentials.Basic(client.ClientId, client.ClientSecret);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(GongHttp.UserAgent);
        request.Content = new ByteArrayContent(Encoding.ASCII.GetBytes(form))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") },
        };

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.Value.AttemptTimeout);
        var http = httpClientFactory.CreateClient(ClientName);
        TokenRefreshResult result;
        try
        {
            using var response = await http.SendAsync(request, attempt.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(attempt.Token).ConfigureAwait(false);
            result = Interpret((int)response.StatusCode, bytes, response.Content.Headers.ContentType?.MediaType, RetryAfter.ToInstant(response.Headers.RetryAfter, time.GetUtcNow()));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new TokenRefreshResult(null, Unavailable.Timeout());
        }
        catch (HttpRequestException failed)
        {
            result = new TokenRefreshResult(null, Unavailable.ConnectionFailed(failed.HttpRequestError));
        }

        Log.TokenRefreshAnswered(logger, tokenUrl.Authority, client.ClientId, result.Grant is not null, result.Failure?.GetType().Name);
        return result;
    }

    /// <summary>The answer as an outcome; <paramref name="retryAt"/> is the answer's Retry-After, kept on a refusal that is not a revocation.</summary>
    internal static TokenRefreshResult Interpret(int status, byte[] body, string? mediaType, DateTimeOffset? retryAt)
    {
        JsonElement? root = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                root = document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
        }

        // A page that is not JSON came from something in front of Gong (a proxy, a gateway): Gong answers OAuth errors in
        // JSON (RFC 6749, 5.2). A 400 or 401 page is no word from Gong about the refresh token, which may well be live:
        // marking the authorization revoked would make a person re-authorize the app for nothing.
        if (status != 200 && root is null && body.Length > 0)
        {
            return new TokenRefreshResult(null, Later(Unavailable.NotGongJson(status, mediaType), retryAt));
        }

        // Only an OAuth error (a JSON object with a string "error", RFC 6749, 5.2) says the grant or the client is
        // refused; an empty 401 or a gateway's {"message": ...} does not, and a revocation is kept until a person
        // re-authorizes.
        if (status is 400 or 401 && root is { } r && Text(r, "error") is { } error)
        {
            return new TokenRefreshResult(null, new AuthorizationRevoked(status, error));
        }

        if (status != 200)
        {
            return new TokenRefreshResult(null, Later(Unavailable.HttpStatus(status), retryAt));
        }

        if (root is not { } json)
        {
            return new TokenRefreshResult(null, Unavailable.NotGongJson(status, mediaType));
        }

        var access = Text(json, "access_token");
        var refresh = Text(json, "refresh_token");
        var expiresIn = json.TryGetProperty("expires_in", out var e) ? Seconds(e) : null;
        if (access is null || refresh is null || expiresIn is not { } lifetime)
        {
            return new TokenRefreshResult(null, Unavailable.AuthorizationNotReady("the token endpoint answered 200 without access_token, refresh_token and expires_in", null));
        }

        Uri? apiBase = Text(json, "api_base_url_for_customer") is { } b && Uri.TryCreate(b, UriKind.Absolute, out var u)
            && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) ? u : null;
        return new TokenRefreshResult(new TokenGrant(access, refresh, lifetime, apiBase, Text(json, "scope")), null);
    }

    private static Unavailable Later(Unavailable failure, DateTimeOffset? retryAt) => retryAt is { } at ? failure.WithRetryNotBefore(at) : failure;

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static TimeSpan? Seconds(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) && n > 0 => TimeSpan.FromSeconds(n),
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => TimeSpan.FromSeconds(n),
        _ => null,
    };
}
