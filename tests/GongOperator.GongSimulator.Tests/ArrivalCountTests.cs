using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.GongSimulator.Tests;

/// <summary>The simulator counts, per company, arrivals beyond the rate in any sliding second: every arrival, whatever its answer.</summary>
public sealed class ArrivalCountTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Arrivals_over_the_rate_in_one_second_are_counted_and_marked_in_the_call_list()
    {
        var time = new FakeTimeProvider(Noon);
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time, RatePerSecond = 2 });

        for (var i = 0; i < 5; i++)
        {
            await h.RegisterAsync("DIALER", $"https://t{i}.partner.com");
        }

        time.Advance(TimeSpan.FromSeconds(1));
        await h.RegisterAsync("DIALER", "https://later.partner.com");

        Assert.Equal([false, false, true, true, true, false], h.Simulator.Calls.Select(c => c.OverRate));
        var demo = Assert.Single(h.Simulator.GetCompanyStatus());
        Assert.Equal(6, demo.Arrivals);
        Assert.Equal(3, demo.OverRateArrivals);
        Assert.Equal(5, demo.PeakArrivalsInOneSecond);
    }

    [Fact]
    public async Task The_window_slides_so_calls_paced_just_over_a_second_apart_per_rate_are_never_over()
    {
        var time = new FakeTimeProvider(Noon);
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time, RatePerSecond = 3 });

        for (var i = 0; i < 9; i++)
        {
            await h.RegisterAsync("DIALER", $"https://t{i}.partner.com");
            time.Advance(TimeSpan.FromMilliseconds(334));
        }

        Assert.All(h.Simulator.Calls, c => Assert.False(c.OverRate));
        Assert.Equal(3, h.Simulator.GetCompanyStatus()[0].PeakArrivalsInOneSecond);
    }

    [Fact]
    public async Task Refused_credentials_count_for_no_company_and_the_admin_API_shows_the_counts()
    {
        var time = new FakeTimeProvider(Noon);
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time, RatePerSecond = 1 });
        var body = SimulatorHarness.Body(("DIALER", "https://a.partner.com"));

        await h.PostAsync(SimulatorHarness.Basic("demo-access-key", "wrong"), body);
        await h.PostAsync(SimulatorHarness.DemoBasic, body);
        var limited = await h.PostAsync(SimulatorHarness.DemoBasic, body);
        var (_, companies) = await h.AdminAsync(HttpMethod.Get, "_simulator/companies");
        var (_, calls) = await h.AdminAsync(HttpMethod.Get, "_simulator/calls");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        var demo = JsonDocument.Parse(companies).RootElement[0];
        Assert.Equal(2, demo.GetProperty("arrivals").GetInt64());
        Assert.Equal(1, demo.GetProperty("overRateArrivals").GetInt64());
        Assert.Equal(2, demo.GetProperty("peakArrivalsInOneSecond").GetInt32());
        Assert.Equal([false, false, true], JsonDocument.Parse(calls).RootElement.EnumerateArray().Select(c => c.GetProperty("overRate").GetBoolean()));
    }

    [Fact]
    public async Task A_reset_forgets_the_counts()
    {
        var time = new FakeTimeProvider(Noon);
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time, RatePerSecond = 1 });
        await h.RegisterAsync("DIALER", "https://a.partner.com");
        await h.RegisterAsync("DIALER", "https://b.partner.com");

        h.Simulator.Reset();

        var demo = Assert.Single(h.Simulator.GetCompanyStatus());
        Assert.Equal((0, 0, 0), (demo.Arrivals, demo.OverRateArrivals, demo.PeakArrivalsInOneSecond));
    }
}
