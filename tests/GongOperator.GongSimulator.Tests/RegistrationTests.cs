using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GongOperator.GongSimulator.Tests;

public sealed class RegistrationTests
{
    private const long TwoToThe53 = 9_007_199_254_740_992;

    [Fact]
    public async Task A_valid_registration_answers_200_with_a_19_character_requestId_and_an_integrationId_above_2_to_the_53()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var answer = await h.RegisterAsync("DIALER", "https://acme.partner.com");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Matches("^[a-z0-9]{19}$", answer.RequestId);
        var id = answer.Json.GetProperty("integrationId");
        Assert.Equal(JsonValueKind.Number, id.ValueKind);
        Assert.True(id.GetInt64() > TwoToThe53);

        // Written as a plain JSON number with every digit: no quotes, no exponent, no rounding.
        var digits = Regex.Match(answer.Text, "\"integrationId\":(\\d+)[,}]").Groups[1].Value;
        Assert.Equal(id.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), digits);
    }

    [Fact]
    public async Task IntegrationIds_are_odd_so_a_trip_through_a_double_always_changes_them()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var answer = await h.RegisterAsync("DIALER", "https://acme.partner.com");

        var id = answer.IntegrationId;
        Assert.NotEqual(id, (long)(double)id);
    }

    [Theory]
    [InlineData(5517027188234205706)]
    [InlineData(5517027188234206001)]
    [InlineData(9223372036854775807)]
    public async Task Pinned_integrationIds_are_answered_to_the_last_digit(long pinned)
    {
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions
        {
            Faults = new SimulatorFaultSpec { NextIntegrationIds = [pinned] },
        });

        var answer = await h.RegisterAsync("EMAIL_COMPOSER", "https://acme.partner.com");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains($"\"integrationId\":{pinned}}}", answer.Text, StringComparison.Ordinal);
        Assert.Equal(pinned, answer.IntegrationId);
        Assert.Equal(pinned, Assert.Single(h.Simulator.Registrations).IntegrationId);
    }

    [Fact]
    public async Task A_batch_registers_every_item_under_the_one_integrationId_answered()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var answer = await h.PostAsync(SimulatorHarness.DemoBasic, SimulatorHarness.Body(
            ("DIALER", "https://a.partner.com"), ("EMAIL_COMPOSER", "https://b.partner.com"), ("ACCOUNT_PAGES", "http://c.partner.com:8443")));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var registrations = h.Simulator.Registrations;
        Assert.Equal(["https://a.partner.com", "https://b.partner.com", "http://c.partner.com:8443"], registrations.Select(r => r.AllowedOrigin));
        Assert.All(registrations, r =>
        {
            Assert.Equal(GongSimulator.DemoCompanyName, r.Company);
            Assert.Equal(answer.IntegrationId, r.IntegrationId);
            Assert.Equal(answer.RequestId, r.RequestId);
        });
    }

    [Fact]
    public async Task The_same_origin_twice_in_one_batch_is_registered_once()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var answer = await h.PostAsync(SimulatorHarness.DemoBasic, SimulatorHarness.Body(("DIALER", "https://a.partner.com"), ("DIALER", "https://a.partner.com")));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Single(h.Simulator.Registrations);
    }

    [Fact]
    public async Task The_same_origin_for_another_integration_type_is_a_separate_registration()
    {
        await using var h = await SimulatorHarness.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await h.RegisterAsync("DIALER", "https://a.partner.com")).Status);
        Assert.Equal(HttpStatusCode.OK, (await h.RegisterAsync("EMAIL_COMPOSER", "https://a.partner.com")).Status);

        Assert.Equal(2, h.Simulator.Registrations.Count);
    }

    [Fact]
    public async Task An_empty_list_is_accepted_and_registers_nothing()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var answer = await h.PostAsync(SimulatorHarness.DemoBasic, "{\"integrationTypeSettings\":[]}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Empty(h.Simulator.Registrations);
    }

    [Fact]
    public async Task Unknown_fields_in_the_body_are_ignored()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var answer = await h.PostAsync(SimulatorHarness.DemoBasic,
            "{\"extra\":1,\"integrationTypeSettings\":[{\"integrationType\":\"DIALER\",\"allowedOrigin\":\"https://a.partner.com\",\"note\":\"x\"}]}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task Each_company_has_its_own_registrations()
    {
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions
        {
            Companies =
            [
                new SimulatedCompany("one") { AccessKey = "k1", AccessKeySecret = "s1" },
                new SimulatedCompany("two") { BearerTokens = ["token-two"] },
            ],
        });

        var first = await h.PostAsync(SimulatorHarness.Basic("k1", "s1"), SimulatorHarness.Body(("DIALER", "https://a.partner.com")));
        var second = await h.PostAsync(new("Bearer", "token-two"), SimulatorHarness.Body(("DIALER", "https://a.partner.com")));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal("one", Assert.Single(h.Simulator.GetRegistrations("one")).Company);
        Assert.Equal("two", Assert.Single(h.Simulator.GetRegistrations("two")).Company);
        Assert.NotEqual(first.IntegrationId, second.IntegrationId);
    }

    [Fact]
    public async Task With_no_company_configured_the_demo_company_is_served()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var company = Assert.Single(h.Simulator.Companies);

        Assert.Equal("demo", company.Name);
        Assert.Equal("demo-access-key", company.AccessKey);
        Assert.Equal("demo-access-key-secret", company.AccessKeySecret);
    }
}
