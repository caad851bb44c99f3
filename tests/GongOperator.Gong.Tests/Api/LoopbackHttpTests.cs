using System.Text;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Api;

/// <summary>The client over real HTTP (Kestrel on loopback), not a fake handler.</summary>
public sealed class LoopbackHttpTests
{
    private static readonly BasicCredentials Credentials = new("loopback-key", Companies.Secret);

    private static string ExpectedAuthorization =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("loopback-key:" + Companies.Secret));

    [Fact]
    public async Task Over_real_HTTP_the_largest_id_arrives_exact()
    {
        await using var gong = await LoopbackGong.StartAsync(ExpectedAuthorization);
        await using var harness = new GongClientHarness(overRealHttp: true);

        var outcome = await harness.Drive(harness.Register(new GongCompany(gong.BaseUrl, Credentials), "https://ok.partner.com"));

        var registered = Assert.IsType<Registered>(outcome);
        Assert.Equal(long.MaxValue, registered.IntegrationId);
        Assert.Equal("lb-200", registered.RequestId);
    }

    [Fact]
    public async Task Over_real_HTTP_a_Retry_After_date_closes_the_company_until_that_date()
    {
        await using var gong = await LoopbackGong.StartAsync(ExpectedAuthorization);
        await using var harness = new GongClientHarness(overRealHttp: true);

        var outcome = await harness.Drive(harness.Register(new GongCompany(gong.BaseUrl, Credentials), "https://date429.partner.com"));

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 5, 0, TimeSpan.Zero), Assert.IsType<RateLimited>(outcome).Until);
    }

    [Fact]
    public async Task Over_real_HTTP_a_reset_connection_gives_Unavailable()
    {
        await using var gong = await LoopbackGong.StartAsync(ExpectedAuthorization);
        await using var harness = new GongClientHarness(o => o.MaxRetries = 1, overRealHttp: true);

        var outcome = await harness.Drive(harness.Register(new GongCompany(gong.BaseUrl, Credentials), "https://reset.partner.com"));

        Assert.StartsWith("connection failed", Assert.IsType<Unavailable>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_real_HTTP_wrong_credentials_give_Unauthorized()
    {
        await using var gong = await LoopbackGong.StartAsync(ExpectedAuthorization);
        await using var harness = new GongClientHarness(overRealHttp: true);

        var outcome = await harness.Drive(harness.Register(new GongCompany(gong.BaseUrl, new BasicCredentials("loopback-key", "wrong")), "https://ok.partner.com"));

        var unauthorized = Assert.IsType<Unauthorized>(outcome);
        Assert.Equal(401, unauthorized.StatusCode);
        Assert.Equal(["access denied"], unauthorized.Errors);
    }
}
