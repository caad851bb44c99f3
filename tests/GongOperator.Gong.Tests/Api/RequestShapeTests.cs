using System.Text;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Api;

public sealed class RequestShapeTests
{
    [Fact]
    public async Task The_body_lists_each_origin_with_its_integration_type()
    {
        await using var harness = new GongClientHarness();

        await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com", "DIALER"));

        var request = Assert.Single(harness.Gong.Requests);
        Assert.Equal(
            """{"integrationTypeSettings":[{"integrationType":"DIALER","allowedOrigin":"https://acme.partner.com"}]}""",
            request.Body);
    }

    [Fact]
    public async Task Basic_auth_sends_the_access_key_and_secret()
    {
        await using var harness = new GongClientHarness();

        await harness.Drive(harness.Register(Companies.Acme, "https://acme.partner.com"));

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("acme-key:" + Companies.Secret));
        Assert.Equal(expected, Assert.Single(harness.Gong.Requests).Authorization);
    }

    [Fact]
    public async Task Bearer_auth_sends_the_token()
    {
        await using var harness = new GongClientHarness();

        await harness.Drive(harness.Register(Companies.Bearer, "https://acme.partner.com"));

        Assert.Equal("Bearer " + Companies.Token, Assert.Single(harness.Gong.Requests).Authorization);
    }

    [Theory]
    [InlineData("https://company-17.api.gong.io", "https://company-17.api.gong.io/v2/integration-settings")]
    [InlineData("https://company-17.api.gong.io/", "https://company-17.api.gong.io/v2/integration-settings")]
    [InlineData("http://127.0.0.1:5099/gong", "http://127.0.0.1:5099/gong/v2/integration-settings")]
    public async Task Each_company_is_called_on_its_own_base_URL(string baseUrl, string expected)
    {
        await using var harness = new GongClientHarness();
        var company = new GongCompany(new Uri(baseUrl), new BasicCredentials("k", Companies.Secret));

        await harness.Drive(harness.Register(company, "https://acme.partner.com"));

        Assert.Equal(expected, Assert.Single(harness.Gong.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public void The_default_base_URL_is_Gongs_public_host()
    {
        var company = new GongCompany(new BasicCredentials("k", Companies.Secret));

        Assert.Equal("https://api.gong.io/v2/integration-settings", company.IntegrationSettingsUrl.AbsoluteUri);
    }
}
