using System.Net;
using System.Text.Json;

namespace GongOperator.GongSimulator.Tests;

/// <summary>Per company, a POST adds to the list (add, the default) or sets it (replace).</summary>
public sealed class RegistrationModeTests
{
    private static GongSimulatorOptions Replacing => new()
    {
        Companies =
        [
            new SimulatedCompany("setter") { AccessKey = "ks", AccessKeySecret = "ss", RegistrationMode = SimulatorRegistrationMode.Replace },
            new SimulatedCompany("adder") { AccessKey = "ka", AccessKeySecret = "sa" },
        ],
    };

    private static Task<SimulatorHarness.Answer> Post(SimulatorHarness h, params string[] origins) =>
        h.PostAsync(SimulatorHarness.Basic("ks", "ss"), SimulatorHarness.Body(origins.Select(o => ("DIALER", o)).ToArray()));

    private static IEnumerable<string> ListOf(SimulatorHarness h, string company) => h.Simulator.GetRegistrations(company).Select(r => r.AllowedOrigin);

    [Fact]
    public async Task In_replace_mode_each_POST_sets_the_companys_list()
    {
        await using var h = await SimulatorHarness.StartAsync(Replacing);

        var first = await Post(h, "https://a.partner.com", "https://b.partner.com");
        var second = await Post(h, "https://b.partner.com", "https://c.partner.com");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(["https://b.partner.com", "https://c.partner.com"], ListOf(h, "setter"));
        // An origin that stays keeps the registration (and id) of the call that first set it.
        Assert.Equal(first.IntegrationId, h.Simulator.GetRegistrations("setter")[0].IntegrationId);
        Assert.Equal(second.IntegrationId, h.Simulator.GetRegistrations("setter")[1].IntegrationId);
    }

    [Fact]
    public async Task In_replace_mode_an_empty_list_empties_it_and_the_same_list_again_is_a_200_not_a_409()
    {
        await using var h = await SimulatorHarness.StartAsync(Replacing);
        await Post(h, "https://a.partner.com");

        var again = await Post(h, "https://a.partner.com");
        var empty = await Post(h);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Empty(ListOf(h, "setter"));
    }

    [Fact]
    public async Task In_replace_mode_a_refused_POST_leaves_the_list_as_it_was()
    {
        await using var h = await SimulatorHarness.StartAsync(Replacing);
        await Post(h, "https://a.partner.com");

        var refused = await Post(h, "https://b.partner.com", "https://c.partner.com/with-a-path");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["https://a.partner.com"], ListOf(h, "setter"));
    }

    [Fact]
    public async Task The_mode_is_per_company_and_add_keeps_what_was_there()
    {
        await using var h = await SimulatorHarness.StartAsync(Replacing);
        var adder = SimulatorHarness.Basic("ka", "sa");
        await h.PostAsync(adder, SimulatorHarness.Body(("DIALER", "https://a.partner.com")));

        await h.PostAsync(adder, SimulatorHarness.Body(("DIALER", "https://b.partner.com")));

        Assert.Equal(["https://a.partner.com", "https://b.partner.com"], ListOf(h, "adder"));
        Assert.Equal(["replace", "add"], h.Simulator.GetCompanyStatus().Select(c => c.RegistrationMode == SimulatorRegistrationMode.Replace ? "replace" : "add"));
    }

    [Fact]
    public async Task The_admin_API_switches_a_company_and_shows_its_mode_and_list()
    {
        await using var h = await SimulatorHarness.StartAsync();
        await h.RegisterAsync("DIALER", "https://a.partner.com");

        var (status, text) = await h.AdminAsync(HttpMethod.Post, "_simulator/registration-mode", """{"mode":"replace","company":"demo"}""");
        await h.RegisterAsync("DIALER", "https://b.partner.com");
        var (_, list) = await h.AdminAsync(HttpMethod.Get, "_simulator/registrations?company=demo");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("replace", JsonDocument.Parse(text).RootElement[0].GetProperty("registrationMode").GetString());
        Assert.Equal(["https://b.partner.com"], JsonDocument.Parse(list).RootElement.EnumerateArray().Select(r => r.GetProperty("allowedOrigin").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await h.AdminAsync(HttpMethod.Post, "_simulator/registration-mode", """{"mode":"sync"}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await h.AdminAsync(HttpMethod.Post, "_simulator/registration-mode", """{"mode":"add","company":"nobody"}""")).Status);
    }

    [Fact]
    public async Task A_reset_brings_back_the_configured_modes()
    {
        await using var h = await SimulatorHarness.StartAsync(Replacing);
        h.Simulator.SetRegistrationMode(SimulatorRegistrationMode.Add);
        Assert.All(h.Simulator.GetCompanyStatus(), c => Assert.Equal(SimulatorRegistrationMode.Add, c.RegistrationMode));

        h.Simulator.Reset();

        Assert.Equal(SimulatorRegistrationMode.Replace, h.Simulator.GetCompanyStatus()[0].RegistrationMode);
        Assert.Equal(SimulatorRegistrationMode.Add, h.Simulator.GetCompanyStatus()[1].RegistrationMode);
    }
}
