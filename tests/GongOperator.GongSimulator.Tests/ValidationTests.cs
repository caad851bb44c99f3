using System.Net;

namespace GongOperator.GongSimulator.Tests;

public sealed class ValidationTests
{
    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("{}", "integrationTypeSettings is required")]
    [InlineData("{\"integrationTypeSettings\":null}", "integrationTypeSettings is required")]
    [InlineData("{\"integrationTypeSettings\":{\"integrationType\":\"DIALER\"}}", "must be a list")]
    [InlineData("{\"integrationTypeSettings\":[42]}", "integrationTypeSettings[0] must be an object")]
    [InlineData("{\"integrationTypeSettings\":[{\"allowedOrigin\":\"https://a.partner.com\"}]}", "integrationTypeSettings[0].integrationType is required")]
    [InlineData("{\"integrationTypeSettings\":[{\"integrationType\":\"DIALER\"}]}", "integrationTypeSettings[0].allowedOrigin is required")]
    public async Task A_malformed_body_answers_400_saying_what_is_wrong(string body, string expected)
    {
        await using var h = await SimulatorHarness.StartAsync();

        var answer = await h.PostAsync(SimulatorHarness.DemoBasic, body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Matches("^[a-z0-9]{19}$", answer.RequestId);
        Assert.Contains(answer.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CHAT")]
    [InlineData("dialer")]
    [InlineData("")]
    public async Task An_unknown_integrationType_answers_400_naming_it(string type)
    {
        await using var h = await SimulatorHarness.StartAsync();

        var answer = await h.RegisterAsync(type, "https://a.partner.com");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var error = Assert.Single(answer.Errors);
        Assert.Contains($"integrationTypeSettings[0].integrationType '{type}'", error, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", RegistrationRequestParser.IntegrationTypes), error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme.partner.com")]
    [InlineData("ftp://acme.partner.com")]
    [InlineData("https://acme.partner.com/")]
    [InlineData("https://acme.partner.com/app")]
    [InlineData("https://acme.partner.com?x=1")]
    [InlineData("https://acme.partner.com#top")]
    [InlineData("https://user@acme.partner.com")]
    [InlineData("https://")]
    [InlineData("https://acme.partner.com:0")]
    [InlineData("https://acme.partner.com:65536")]
    [InlineData("https://acme.partner.com:")]
    [InlineData("https://acme.partner.com:80:80")]
    [InlineData("https://*.partner.com")]
    [InlineData("https://acme..partner.com")]
    [InlineData("https://-acme.partner.com")]
    [InlineData("https://acme_x.partner.com")]
    [InlineData("https://acme partner.com")]
    [InlineData("https://300.1.1.1")]
    [InlineData("https://[not-v6]")]
    public async Task An_allowedOrigin_that_is_not_an_origin_answers_400_naming_it(string origin)
    {
        await using var h = await SimulatorHarness.StartAsync();

        var answer = await h.RegisterAsync("DIALER", origin);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var error = Assert.Single(answer.Errors);
        Assert.Contains($"integrationTypeSettings[0].allowedOrigin '{origin}' is not a valid origin", error, StringComparison.Ordinal);
        Assert.Empty(h.Simulator.Registrations);
    }

    [Theory]
    [InlineData("https://acme.partner.com")]
    [InlineData("http://acme.partner.com")]
    [InlineData("https://acme.partner.com:8443")]
    [InlineData("HTTPS://Acme.Partner.com")]
    [InlineData("http://localhost:3000")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("https://[::1]:8443")]
    public async Task Origins_in_every_accepted_form_register(string origin)
    {
        await using var h = await SimulatorHarness.StartAsync();

        var answer = await h.RegisterAsync("DIALER", origin);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task A_batch_with_one_invalid_item_answers_400_naming_only_it_and_registers_nothing()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var answer = await h.PostAsync(SimulatorHarness.DemoBasic, SimulatorHarness.Body(
            ("DIALER", "https://a.partner.com"), ("DIALER", "https://b.partner.com/path"), ("DIALER", "https://c.partner.com")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var error = Assert.Single(answer.Errors);
        Assert.StartsWith("integrationTypeSettings[1].allowedOrigin 'https://b.partner.com/path'", error, StringComparison.Ordinal);
        Assert.Empty(h.Simulator.Registrations);
    }

    [Fact]
    public async Task An_origin_outside_the_company_partner_domain_answers_400_naming_it()
    {
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions
        {
            Companies = [new SimulatedCompany("p") { AccessKey = "k", AccessKeySecret = "s", PartnerDomain = "partner.com" }],
        });

        var outside = await h.PostAsync(SimulatorHarness.Basic("k", "s"), SimulatorHarness.Body(("DIALER", "https://acme.partner.com"), ("DIALER", "https://acme.other.com")));
        var lookalike = await h.PostAsync(SimulatorHarness.Basic("k", "s"), SimulatorHarness.Body(("DIALER", "https://evilpartner.com")));
        var inside = await h.PostAsync(SimulatorHarness.Basic("k", "s"), SimulatorHarness.Body(("DIALER", "https://acme.partner.com"), ("DIALER", "https://partner.com")));

        Assert.Equal(HttpStatusCode.BadRequest, outside.Status);
        Assert.Equal("integrationTypeSettings[1].allowedOrigin 'https://acme.other.com' is not under the domain 'partner.com' registered for this integration", Assert.Single(outside.Errors));
        Assert.Equal(HttpStatusCode.BadRequest, lookalike.Status);
        Assert.Equal(HttpStatusCode.OK, inside.Status);
        Assert.Equal(2, h.Simulator.Registrations.Count);
    }
}
