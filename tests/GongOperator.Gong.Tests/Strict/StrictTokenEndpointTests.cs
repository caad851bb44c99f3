using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GongOperator.Testing.Strict;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Gong.Tests.Strict;

/// <summary>
/// The strict stand-in's token endpoint and customer host hold a client to what Gong's OAuth page and RFC 6749 say:
/// proven here with hand-made requests, so that a client passing against it has passed something strict.
/// </summary>
public sealed class StrictTokenEndpointTests
{
    private const string ClientId = "strict-app";
    private const string ClientSecret = "strict-app-S3CRET";
    private const string Customer = "acme";

    [Fact]
    public async Task Gongs_query_string_form_gets_the_documented_grant_and_the_refresh_token_it_sent_is_dead_from_then_on()
    {
        await using var gong = StrictGong.Start();
        var first = gong.OAuth.Authorize(ClientId, ClientSecret, Customer);

        var (status, grant) = await PostTokenAsync(gong, query: "grant_type=refresh_token&refresh_token=" + first, form: null);
        var (reusedStatus, reused) = await PostTokenAsync(gong, query: null, form: "grant_type=refresh_token&refresh_token=" + first);
        var (nextStatus, _) = await PostTokenAsync(gong, query: null, form: "grant_type=refresh_token&refresh_token=" + grant.GetProperty("refresh_token").GetString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(first, grant.GetProperty("refresh_token").GetString());
        Assert.Equal("bearer", grant.GetProperty("token_type").GetString());
        Assert.Equal(86400, grant.GetProperty("expires_in").GetInt64());
        Assert.Equal(StrictGongOAuth.Scope, grant.GetProperty("scope").GetString());
        Assert.Equal(gong.CustomerBaseUrl.AbsoluteUri.TrimEnd('/'), grant.GetProperty("api_base_url_for_customer").GetString());
        Assert.StartsWith("at-", grant.GetProperty("access_token").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, reusedStatus);
        Assert.Equal("invalid_grant", reused.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, nextStatus);
        Assert.Equal((2, 1, 2), (gong.OAuth.Refreshes, gong.OAuth.InvalidGrants, gong.OAuth.UsesOf(first)));
        Assert.Empty(gong.Violations);
    }

    [Theory]
    [InlineData("grant_type=refresh_token", null, "no refresh_token, neither in the query string nor in the form body")]
    [InlineData("grant_type=refresh_token&refresh_token=rt-other", "grant_type=refresh_token&refresh_token={0}", "refresh_token in the query string differs from refresh_token in the form body")]
    [InlineData(null, "grant_type=refresh_token&refresh_token={0}&refresh_token={0}", "refresh_token is given more than once")]
    [InlineData(null, "grant_type=authorization_code&refresh_token={0}", "grant_type is 'authorization_code', not refresh_token")]
    public async Task Parameters_missing_from_both_places_disagreeing_repeated_or_of_another_grant_are_violations_and_spend_nothing(string? query, string? form, string violation)
    {
        await using var gong = StrictGong.Start();
        var token = gong.OAuth.Authorize(ClientId, ClientSecret, Customer);

        var (status, error) = await PostTokenAsync(gong, query is null ? null : string.Format(System.Globalization.CultureInfo.InvariantCulture, query, token), form is null ? null : string.Format(System.Globalization.CultureInfo.InvariantCulture, form, token));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(violation, gong.Violations.Single(), StringComparison.Ordinal);
        Assert.Equal(violation.StartsWith("grant_type", StringComparison.Ordinal) ? "unsupported_grant_type" : "invalid_request", error.GetProperty("error").GetString());
        Assert.Equal(0, gong.OAuth.UsesOf(token));
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_a_violation()
    {
        await using var gong = StrictGong.Start();
        var token = gong.OAuth.Authorize(ClientId, ClientSecret, Customer);

        var (status, _) = await PostTokenAsync(gong, "grant_type=refresh_token&refresh_token=" + token, $$"""{"refresh_token":"{{token}}"}""", contentType: "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not application/x-www-form-urlencoded", Assert.Single(gong.Violations), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClientId + ":wrong-secret", false)]
    [InlineData("another-app:" + ClientSecret, false)]
    [InlineData(null, true)]
    public async Task A_wrong_or_missing_client_gets_401_invalid_client_and_a_missing_one_is_a_violation(string? client, bool violation)
    {
        await using var gong = StrictGong.Start();
        var token = gong.OAuth.Authorize(ClientId, ClientSecret, Customer);

        var (status, error) = await PostTokenAsync(gong, null, "grant_type=refresh_token&refresh_token=" + token, client: client);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", error.GetProperty("error").GetString());
        Assert.Equal(violation ? 1 : 0, gong.Violations.Count);
        Assert.Equal(0, gong.OAuth.UsesOf(token));
    }

    [Fact]
    public async Task A_chunked_token_request_gets_411_as_every_request_does()
    {
        await using var gong = StrictGong.Start();
        var token = gong.OAuth.Authorize(ClientId, ClientSecret, Customer);
        using var http = new HttpClient();
        using var request = Request(gong, null, "grant_type=refresh_token&refresh_token=" + token, ClientId + ":" + ClientSecret, "application/x-www-form-urlencoded");
        request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.LengthRequired, response.StatusCode);
        Assert.Contains(gong.Violations, v => v.Contains("Transfer-Encoding: chunked", StringComparison.Ordinal));
        Assert.Equal(0, gong.OAuth.UsesOf(token));
    }

    [Fact]
    public async Task An_access_token_works_on_the_customers_host_only_until_it_expires_and_not_after_the_customer_revokes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-21T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var gong = StrictGong.Start(maxArrivalDelay: TimeSpan.Zero, time: time);
        gong.OAuth.AccessTokenLifetime = TimeSpan.FromHours(1);
        var (_, grant) = await PostTokenAsync(gong, null, "grant_type=refresh_token&refresh_token=" + gong.OAuth.Authorize(ClientId, ClientSecret, Customer));
        var access = grant.GetProperty("access_token").GetString()!;

        var onCustomerHost = await PostApiAsync(gong.CustomerBaseUrl, access);
        var onSharedHost = await PostApiAsync(gong.BaseUrl, access);
        var madeUp = await PostApiAsync(gong.CustomerBaseUrl, "at-made-up");
        time.Advance(TimeSpan.FromHours(1));
        var expired = await PostApiAsync(gong.CustomerBaseUrl, access);
        var (_, next) = await PostTokenAsync(gong, null, "grant_type=refresh_token&refresh_token=" + grant.GetProperty("refresh_token").GetString());
        gong.OAuth.Forget(Customer);
        var revoked = await PostApiAsync(gong.CustomerBaseUrl, next.GetProperty("access_token").GetString()!);

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            [onCustomerHost, onSharedHost, madeUp, expired, revoked]);
        Assert.Collection(
            gong.Violations,
            v => Assert.Contains("a host other than its api_base_url_for_customer", v, StringComparison.Ordinal),
            v => Assert.Contains("never issued", v, StringComparison.Ordinal),
            v => Assert.Contains("after its expires_in", v, StringComparison.Ordinal));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostTokenAsync(
        StrictGong gong, string? query, string? form, string contentType = "application/x-www-form-urlencoded", string? client = ClientId + ":" + ClientSecret)
    {
        using var http = new HttpClient();
        using var request = Request(gong, query, form, client, contentType);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(body);
        return (response.StatusCode, json.RootElement.Clone());
    }

    private static HttpRequestMessage Request(StrictGong gong, string? query, string? form, string? client, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gong.TokenUrl + (query is null ? "" : "?" + query)))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(form ?? "")),
        };
        if (form is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        if (client is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(client)));
        }

        return request;
    }

    private static async Task<HttpStatusCode> PostApiAsync(Uri host, string accessToken)
    {
        using var http = new HttpClient { BaseAddress = host };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/integration-settings")
        {
            Content = new StringContent("""{"integrationTypeSettings":[{"integrationType":"DIALER","allowedOrigin":"https://acme.partner.com"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.UserAgent.ParseAdd("gong-operator/" + typeof(GongClientOptions).Assembly.GetName().Version!.ToString(3));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
