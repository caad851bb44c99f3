using System.Net;

namespace GongOperator.GongSimulator.Tests;

public sealed class ConflictTests
{
    [Fact]
    public async Task An_origin_already_registered_answers_409_naming_it()
    {
        await using var h = await SimulatorHarness.StartAsync();
        await h.RegisterAsync("DIALER", "https://acme.partner.com");

        var answer = await h.RegisterAsync("DIALER", "https://acme.partner.com");

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Matches("^[a-z0-9]{19}$", answer.RequestId);
        Assert.Equal("integrationTypeSettings[0]: DIALER https://acme.partner.com is already registered for this company", Assert.Single(answer.Errors));
    }

    [Theory]
    [InlineData("HTTPS://ACME.partner.com")]
    [InlineData("https://acme.partner.com:443")]
    public async Task Origins_that_differ_only_in_case_or_default_port_are_the_same_origin(string sameOrigin)
    {
        await using var h = await SimulatorHarness.StartAsync();
        await h.RegisterAsync("DIALER", "https://acme.partner.com");

        var answer = await h.RegisterAsync("DIALER", sameOrigin);

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
    }

    [Fact]
    public async Task A_batch_with_one_registered_origin_answers_409_naming_only_it_and_registers_none_of_the_others()
    {
        await using var h = await SimulatorHarness.StartAsync();
        await h.RegisterAsync("DIALER", "https://b.partner.com");

        var answer = await h.PostAsync(SimulatorHarness.DemoBasic, SimulatorHarness.Body(("DIALER", "https://a.partner.com"), ("DIALER", "https://b.partner.com")));

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.StartsWith("integrationTypeSettings[1]: DIALER https://b.partner.com", Assert.Single(answer.Errors), StringComparison.Ordinal);
        Assert.Equal(["https://b.partner.com"], h.Simulator.Registrations.Select(r => r.AllowedOrigin));
    }

    [Fact]
    public async Task In_ok_mode_an_origin_already_registered_answers_200_and_keeps_its_first_integrationId()
    {
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { ConflictMode = SimulatorConflictMode.Ok });
        var first = await h.RegisterAsync("DIALER", "https://acme.partner.com");

        var again = await h.RegisterAsync("DIALER", "https://acme.partner.com");

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.IntegrationId, Assert.Single(h.Simulator.Registrations).IntegrationId);
    }

    [Fact]
    public async Task The_conflict_mode_switches_globally_at_run_time()
    {
        await using var h = await SimulatorHarness.StartAsync();
        await h.RegisterAsync("DIALER", "https://acme.partner.com");

        h.Simulator.SetConflictMode(SimulatorConflictMode.Ok);
        var ok = await h.RegisterAsync("DIALER", "https://acme.partner.com");
        h.Simulator.SetConflictMode(SimulatorConflictMode.Conflict);
        var conflict = await h.RegisterAsync("DIALER", "https://acme.partner.com");

        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
    }

    [Fact]
    public async Task The_conflict_mode_switches_for_one_company_only()
    {
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions
        {
            Companies =
            [
                new SimulatedCompany("one") { AccessKey = "k1", AccessKeySecret = "s1" },
                new SimulatedCompany("two") { AccessKey = "k2", AccessKeySecret = "s2" },
            ],
        });
        var body = SimulatorHarness.Body(("DIALER", "https://acme.partner.com"));
        await h.PostAsync(SimulatorHarness.Basic("k1", "s1"), body);
        await h.PostAsync(SimulatorHarness.Basic("k2", "s2"), body);

        h.Simulator.SetConflictMode(SimulatorConflictMode.Ok, "one");

        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(SimulatorHarness.Basic("k1", "s1"), body)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await h.PostAsync(SimulatorHarness.Basic("k2", "s2"), body)).Status);
    }

    [Fact]
    public async Task Forgotten_registrations_register_again_with_200()
    {
        await using var h = await SimulatorHarness.StartAsync();
        await h.RegisterAsync("DIALER", "https://acme.partner.com");

        h.Simulator.ClearRegistrations();

        Assert.Equal(HttpStatusCode.OK, (await h.RegisterAsync("DIALER", "https://acme.partner.com")).Status);
    }

    [Fact]
    public async Task Switching_the_conflict_mode_of_an_unknown_company_is_refused()
    {
        await using var h = await SimulatorHarness.StartAsync();

        Assert.Throws<ArgumentException>(() => h.Simulator.SetConflictMode(SimulatorConflictMode.Ok, "nobody"));
        Assert.Throws<ArgumentException>(() => h.Simulator.GetRegistrations("nobody"));
    }
}
