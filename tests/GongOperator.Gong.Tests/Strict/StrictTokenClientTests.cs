using System.Globalization;
using System.Text;
using GongOperator.Gong.Tests.Support;
using GongOperator.Testing.Strict;

namespace GongOperator.Gong.Tests.Strict;

/// <summary>The token endpoint's client against the strict stand-in's token endpoint, over real HTTP on the system clock.</summary>
public sealed class StrictTokenClientTests
{
    private const string Customer = "acme";

    private static readonly OAuthClientCredentials App = new("strict-app", "strict-app-" + Companies.Secret);

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_refresh_meets_the_token_endpoint_with_a_form_body_Basic_client_and_nothing_secret_in_its_URL()
    {
        await using var gong = StrictGong.Start();
        await using var harness = new GongClientHarness(realClock: true);
        var refreshToken = gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer);

        var result = await harness.Tokens.RefreshAsync(gong.TokenUrl, App, refreshToken, TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Empty(gong.Violations);
        var grant = Assert.IsType<TokenGrant>(result.Grant);
        Assert.Equal(gong.OAuth.RefreshTokensOf(Customer)[^1], grant.RefreshToken);
        Assert.Equal(gong.CustomerBaseUrl, grant.ApiBaseUrl);
        Assert.Equal(TimeSpan.FromDays(1), grant.ExpiresIn);
        Assert.Equal(StrictGongOAuth.Scope, grant.Scope);
        var request = Assert.Single(gong.TokenRequests);
        Assert.Equal("POST /oauth2/generate-customer-token HTTP/1.1", request.RequestLine);
        Assert.Equal("grant_type=refresh_token&refresh_token=" + refreshToken, Encoding.UTF8.GetString(request.Body));
        Assert.Equal(request.Body.Length.ToString(CultureInfo.InvariantCulture), request.Header("Content-Length"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(App.ClientId + ":" + App.ClientSecret)), request.Header("Authorization"));
        Assert.Equal(1, gong.OAuth.UsesOf(refreshToken));
    }

    [Theory]
    [InlineData(429, 30)]
    [InlineData(503, 120)]
    public async Task A_429_or_503_with_Retry_After_is_Unavailable_until_that_time(int status, int retryAfterSeconds)
    {
        await using var gong = StrictGong.Start();
        gong.OAuth.Answer = (_, _) => Task.FromResult<StrictGongAnswer?>(StrictGongAnswer.Json(status, """{"error":"temporarily_unavailable"}""", retryAfterSeconds));
        await using var harness = new GongClientHarness(realClock: true);
        var refreshToken = gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer);
        var before = DateTimeOffset.UtcNow;

        var result = await harness.Tokens.RefreshAsync(gong.TokenUrl, App, refreshToken, TestContext.Current.CancellationToken).WaitAsync(Bound, TestContext.Current.CancellationToken);

        var unavailable = Assert.IsType<Unavailable>(result.Failure);
        Assert.Equal(status, unavailable.StatusCode);
        Assert.InRange(unavailable.RetryNotBefore!.Value, before.AddSeconds(retryAfterSeconds), DateTimeOffset.UtcNow.AddSeconds(retryAfterSeconds));
        Assert.Equal(0, gong.OAuth.UsesOf(refreshToken));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    public async Task An_HTML_400_or_401_page_from_a_proxy_is_Unavailable_not_a_revoked_authorization(int status)
    {
        await using var gong = StrictGong.Start();
        gong.OAuth.Answer = (_, _) => Task.FromResult<StrictGongAnswer?>(StrictGongAnswer.Html(status, "<html><body><h1>Bad Request</h1>nginx</body></html>"));
        await using var harness = new GongClientHarness(realClock: true);

        var result = await harness.Tokens.RefreshAsync(gong.TokenUrl, App, gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer), TestContext.Current.CancellationToken)
            .WaitAsync(Bound, TestContext.Current.CancellationToken);

        var unavailable = Assert.IsType<Unavailable>(result.Failure);
        Assert.Equal(status, unavailable.StatusCode);
    }

    [Theory]
    [InlineData(401, "")]
    [InlineData(401, "{\"message\":\"Unauthorized\"}")]
    [InlineData(400, "{\"error\":42}")]
    public async Task A_400_or_401_without_an_OAuth_error_is_Unavailable_not_a_revoked_authorization(int status, string body)
    {
        await using var gong = StrictGong.Start();
        gong.OAuth.Answer = (_, _) => Task.FromResult<StrictGongAnswer?>(StrictGongAnswer.Json(status, body));
        await using var harness = new GongClientHarness(realClock: true);

        var result = await harness.Tokens.RefreshAsync(gong.TokenUrl, App, gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer), TestContext.Current.CancellationToken)
            .WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal(status, Assert.IsType<Unavailable>(result.Failure).StatusCode);
    }

    [Fact]
    public async Task A_spent_refresh_token_and_a_wrong_client_secret_are_AuthorizationRevoked_with_Gongs_error()
    {
        await using var gong = StrictGong.Start();
        await using var harness = new GongClientHarness(realClock: true);
        var refreshToken = gong.OAuth.Authorize(App.ClientId, App.ClientSecret, Customer);
        Assert.NotNull((await harness.Tokens.RefreshAsync(gong.TokenUrl, App, refreshToken, TestContext.Current.CancellationToken)).Grant);

        var spent = await harness.Tokens.RefreshAsync(gong.TokenUrl, App, refreshToken, TestContext.Current.CancellationToken);
        var wrongSecret = await harness.Tokens.RefreshAsync(gong.TokenUrl, App with { ClientSecret = "wrong" }, gong.OAuth.RefreshTokensOf(Customer)[^1], TestContext.Current.CancellationToken);

        Assert.Equal((400, "invalid_grant"), (Assert.IsType<AuthorizationRevoked>(spent.Failure).StatusCode, ((AuthorizationRevoked)spent.Failure!).Error));
        Assert.Equal((401, "invalid_client"), (Assert.IsType<AuthorizationRevoked>(wrongSecret.Failure).StatusCode, ((AuthorizationRevoked)wrongSecret.Failure!).Error));
        Assert.Equal(1, gong.OAuth.InvalidGrants);
        Assert.Empty(gong.Violations);
    }
}
