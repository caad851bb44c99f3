using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.GongSimulator.Tests;

public sealed class OAuthTests
{
    private static readonly AuthenticationHeaderValue DemoClient = SimulatorHarness.Basic(GongSimulator.DemoOAuthClientId, GongSimulator.DemoOAuthClientSecret);

    [Fact]
    public async Task A_refresh_in_a_form_body_rotates_the_refresh_token_and_names_the_companys_own_host()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var (status, json) = await RefreshAsync(h, GongSimulator.DemoOAuthRefreshToken, inQuery: false);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(GongSimulator.DemoOAuthRefreshToken, json.GetProperty("refresh_token").GetString());
        Assert.Equal(86_400, json.GetProperty("expires_in").GetInt64());
        var host = new Uri(json.GetProperty("api_base_url_for_customer").GetString()!);
        Assert.Equal(h.Simulator.CustomerBaseAddress.Port, host.Port);
        Assert.NotEqual(h.Simulator.BaseAddress.Port, host.Port);
    }

    [Fact]
    public async Task A_second_use_of_a_refresh_token_is_invalid_grant_and_counted_for_the_authorization()
    {
        await using var h = await SimulatorHarness.StartAsync();
        var (_, first) = await RefreshAsync(h, GongSimulator.DemoOAuthRefreshToken, inQuery: true);

        var (again, error) = await RefreshAsync(h, GongSimulator.DemoOAuthRefreshToken, inQuery: true);
        var (next, _) = await RefreshAsync(h, first.GetProperty("refresh_token").GetString()!, inQuery: false);

        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, next);
        var demo = Assert.Single(h.Simulator.GetAuthorizations());
        Assert.Equal((2, 1), (demo.Refreshes, demo.InvalidGrants));
    }

    [Fact]
    public async Task An_access_token_works_on_the_companys_host_only_and_not_after_it_expires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-21T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time, TokenLifetime = TimeSpan.FromSeconds(30) });
        var (_, grant) = await RefreshAsync(h, GongSimulator.DemoOAuthRefreshToken, inQuery: false);
        var bearer = new AuthenticationHeaderValue("Bearer", grant.GetProperty("access_token").GetString());
        using var customer = new HttpClient { BaseAddress = h.Simulator.CustomerBaseAddress };

        var onMainHost = await h.PostAsync(bearer, SimulatorHarness.Body(("DIALER", "https://a.partner.com")));
        var onOwnHost = await PostAsync(customer, bearer, "https://a.partner.com");
        time.Advance(TimeSpan.FromSeconds(30));
        var expired = await PostAsync(customer, bearer, "https://b.partner.com");

        Assert.Equal(HttpStatusCode.Unauthorized, onMainHost.Status);
        Assert.Contains("api_base_url_for_customer", onMainHost.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, onOwnHost);
        Assert.Equal(HttpStatusCode.Unauthorized, expired);
        Assert.Equal(1, Assert.Single(h.Simulator.GetAuthorizations()).ExpiredAccessTokenCalls);
    }

    [Fact]
    public async Task A_revoked_authorization_refuses_its_refresh_token_until_a_fresh_seed_is_issued()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var (revokeStatus, _) = await h.AdminAsync(HttpMethod.Post, "_simulator/oauth/revoke?company=demo");
        var (refused, _) = await RefreshAsync(h, GongSimulator.DemoOAuthRefreshToken, inQuery: false);
        var (seedStatus, seedText) = await h.AdminAsync(HttpMethod.Post, "_simulator/oauth/seed?company=demo");
        var seed = JsonDocument.Parse(seedText).RootElement.GetProperty("refreshToken").GetString()!;
        var (granted, _) = await RefreshAsync(h, seed, inQuery: false);
        var (unknown, _) = await h.AdminAsync(HttpMethod.Post, "_simulator/oauth/seed?company=nobody");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK), (revokeStatus, refused, seedStatus, granted));
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task Wrong_client_credentials_are_invalid_client()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var (status, json) = await RefreshAsync(h, GongSimulator.DemoOAuthRefreshToken, inQuery: false, SimulatorHarness.Basic(GongSimulator.DemoOAuthClientId, "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("grant_type=refresh_token&refresh_token=rt-another", "grant_type=refresh_token&refresh_token={0}", "refresh_token differs between the query string and the form body")]
    [InlineData(null, "grant_type=refresh_token&refresh_token={0}&refresh_token={0}", "refresh_token is given more than once")]
    [InlineData("grant_type=refresh_token", null, "refresh_token is missing from both the query string and the form body")]
    public async Task Parameters_that_disagree_repeat_or_are_missing_are_invalid_request_and_spend_no_refresh_token(string? query, string? form, string description)
    {
        await using var h = await SimulatorHarness.StartAsync();
        var token = Uri.EscapeDataString(GongSimulator.DemoOAuthRefreshToken);
        var path = "oauth2/generate-customer-token" + (query is null ? "" : "?" + query);
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(form is null ? "" : string.Format(System.Globalization.CultureInfo.InvariantCulture, form, token), System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = DemoClient;

        using var response = await h.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var (after, _) = await RefreshAsync(h, GongSimulator.DemoOAuthRefreshToken, inQuery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("invalid_request", description), (json.GetProperty("error").GetString(), json.GetProperty("error_description").GetString()));
        Assert.Equal(HttpStatusCode.OK, after);
        Assert.Equal((1, 0), (Assert.Single(h.Simulator.GetAuthorizations()).Refreshes, h.Simulator.GetAuthorizations()[0].InvalidGrants));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> RefreshAsync(SimulatorHarness h, string refreshToken, bool inQuery, AuthenticationHeaderValue? client = null)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
        var path = "oauth2/generate-customer-token" + (inQuery ? "?" + string.Join("&", fields.Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value))) : "");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = inQuery ? new ByteArrayContent([]) : new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = client ?? DemoClient;
        using var response = await h.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, AuthenticationHeaderValue bearer, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SimulatorHarness.RegisterPath)
        {
            Content = new StringContent(SimulatorHarness.Body(("DIALER", origin)), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = bearer;
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
