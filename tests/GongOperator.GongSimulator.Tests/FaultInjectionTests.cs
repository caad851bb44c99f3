using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GongOperator.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.GongSimulator.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Fail_next_answers_500_with_Gong_error_body_that_many_times_then_serves_again()
    {
        await using var h = await SimulatorHarness.StartAsync();
        h.Simulator.InjectFaults(new SimulatorFaultSpec { FailNext = 2 });

        var first = await h.RegisterAsync("DIALER", "https://a.partner.com");
        var second = await h.RegisterAsync("DIALER", "https://a.partner.com");
        var third = await h.RegisterAsync("DIALER", "https://a.partner.com");

        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);
        Assert.Matches("^[a-z0-9]{19}$", first.RequestId);
        Assert.Single(first.Errors);
        Assert.Equal(HttpStatusCode.InternalServerError, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal(["fail", "fail", null], h.Simulator.Calls.Select(c => c.Fault));
    }

    [Fact]
    public async Task Faults_given_at_start_are_in_force_from_the_first_call()
    {
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { Faults = new SimulatorFaultSpec { FailNext = 1 } });

        Assert.Equal(HttpStatusCode.InternalServerError, (await h.RegisterAsync("DIALER", "https://a.partner.com")).Status);
        Assert.Equal(HttpStatusCode.OK, (await h.RegisterAsync("DIALER", "https://a.partner.com")).Status);
    }

    [Fact]
    public async Task Reset_next_aborts_the_connection_without_an_answer_and_registers_nothing()
    {
        await using var h = await SimulatorHarness.StartAsync();
        h.Simulator.InjectFaults(new SimulatorFaultSpec { ResetNext = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => h.RegisterAsync("DIALER", "https://a.partner.com"));
        var after = await h.RegisterAsync("DIALER", "https://a.partner.com");

        Assert.Equal(HttpStatusCode.OK, after.Status);
        var reset = h.Simulator.Calls[0];
        Assert.Equal((0, "reset"), (reset.Status, reset.Fault));
        Assert.Single(h.Simulator.Registrations);
    }

    [Fact]
    public async Task Malformed_next_answers_200_with_a_body_that_is_not_JSON_but_the_registration_is_made()
    {
        await using var h = await SimulatorHarness.StartAsync();
        h.Simulator.InjectFaults(new SimulatorFaultSpec { MalformedNext = 1 });

        var malformed = await h.RegisterAsync("DIALER", "https://a.partner.com");
        var again = await h.RegisterAsync("DIALER", "https://a.partner.com");

        Assert.Equal(HttpStatusCode.OK, malformed.Status);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(malformed.Text));
        Assert.Single(h.Simulator.Registrations);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
    }

    [Fact]
    public async Task Truncated_next_answers_200_with_the_JSON_cut_off_halfway_but_the_registration_is_made()
    {
        await using var h = await SimulatorHarness.StartAsync();
        h.Simulator.InjectFaults(new SimulatorFaultSpec { TruncatedNext = 1 });

        var truncated = await h.RegisterAsync("DIALER", "https://a.partner.com");
        var again = await h.RegisterAsync("DIALER", "https://a.partner.com");

        Assert.Equal(HttpStatusCode.OK, truncated.Status);
        // The start of the documented body, and no more: a JSON reader runs out of input.
        Assert.StartsWith("{\"requestId\":\"", truncated.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("}", truncated.Text, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(truncated.Text));
        var registration = Assert.Single(h.Simulator.Registrations);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        var call = h.Simulator.Calls[0];
        Assert.Equal(("truncated", 200, registration.IntegrationId), (call.Fault, call.Status, call.IntegrationId));
    }

    [Fact]
    public async Task An_HTML_page_comes_before_a_truncated_body_when_both_are_asked_for()
    {
        await using var h = await SimulatorHarness.StartAsync();
        h.Simulator.InjectFaults(new SimulatorFaultSpec { MalformedNext = 1, TruncatedNext = 1 });

        await h.RegisterAsync("DIALER", "https://a.partner.com");
        await h.RegisterAsync("DIALER", "https://b.partner.com");
        var whole = await h.RegisterAsync("DIALER", "https://c.partner.com");

        Assert.Equal(["malformed", "truncated", null], h.Simulator.Calls.Select(c => c.Fault));
        Assert.True(whole.Json.GetProperty("integrationId").GetInt64() > 0);
    }

    [Fact]
    public async Task Malformed_next_waits_for_a_call_that_would_answer_200()
    {
        await using var h = await SimulatorHarness.StartAsync();
        h.Simulator.InjectFaults(new SimulatorFaultSpec { MalformedNext = 1 });

        var rejected = await h.RegisterAsync("DIALER", "nope");
        var malformed = await h.RegisterAsync("DIALER", "https://a.partner.com");

        Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
        Assert.Equal(HttpStatusCode.OK, malformed.Status);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(malformed.Text));
    }

    [Fact]
    public async Task A_429_storm_answers_429_with_its_Retry_After_to_every_call_until_it_ends()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time });
        h.Simulator.InjectFaults(new SimulatorFaultSpec { StormSeconds = 30, StormRetryAfterSeconds = 7 });

        var storm = await h.RegisterAsync("DIALER", "https://a.partner.com");
        var wrongCredentials = await h.PostAsync(null, SimulatorHarness.Body(("DIALER", "https://a.partner.com")));
        time.Advance(TimeSpan.FromSeconds(29));
        var late = await h.RegisterAsync("DIALER", "https://a.partner.com");
        time.Advance(TimeSpan.FromSeconds(1));
        var over = await h.RegisterAsync("DIALER", "https://a.partner.com");

        Assert.Equal(HttpStatusCode.TooManyRequests, storm.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), storm.RetryAfter);
        Assert.Single(storm.Errors);
        Assert.Equal(HttpStatusCode.TooManyRequests, wrongCredentials.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, late.Status);
        Assert.Equal(HttpStatusCode.OK, over.Status);
        Assert.Null(h.Simulator.Faults.StormUntil);
    }

    [Fact]
    public async Task Latency_delays_every_answer_by_at_least_the_time_asked()
    {
        await using var h = await SimulatorHarness.StartAsync();
        h.Simulator.InjectFaults(new SimulatorFaultSpec { LatencyMs = 300 });

        var watch = Stopwatch.StartNew();
        var answer = await h.RegisterAsync("DIALER", "https://a.partner.com");
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {watch.Elapsed}");
    }

    [Fact]
    public async Task Latency_runs_on_the_simulator_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time });
        h.Simulator.InjectFaults(new SimulatorFaultSpec { LatencyMs = 60_000 });

        var pending = h.RegisterAsync("DIALER", "https://a.partner.com");
        var deadline = Stopwatch.StartNew();
        while (!pending.IsCompleted && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            // Keep advancing: the delay may start only after the request has reached the server.
            time.Advance(TimeSpan.FromSeconds(60));
            await Task.WhenAny(pending, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        Assert.Equal(HttpStatusCode.OK, (await pending).Status);
    }

    [Fact]
    public async Task Clearing_faults_removes_every_fault()
    {
        await using var h = await SimulatorHarness.StartAsync();
        h.Simulator.InjectFaults(new SimulatorFaultSpec
        {
            LatencyMs = 10, FailNext = 3, ResetNext = 3, MalformedNext = 3, TruncatedNext = 3, StormSeconds = 60, ExhaustQuota = ["demo"], NextIntegrationIds = [9_007_199_254_740_993],
        });

        var cleared = h.Simulator.ClearFaults();

        Assert.Equal((0, 0, 0, 0, 0, (DateTimeOffset?)null, 5), (cleared.LatencyMs, cleared.FailNext, cleared.ResetNext, cleared.MalformedNext, cleared.TruncatedNext, cleared.StormUntil, cleared.StormRetryAfterSeconds));
        Assert.Empty(cleared.QuotaExhausted);
        Assert.Empty(cleared.NextIntegrationIds);
        Assert.Equal(HttpStatusCode.OK, (await h.RegisterAsync("DIALER", "https://a.partner.com")).Status);
    }

    [Fact]
    public async Task Out_of_range_faults_are_refused_and_change_nothing()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => h.Simulator.InjectFaults(new SimulatorFaultSpec { FailNext = 2, ResetNext = -1, ExhaustQuota = ["nobody"] }));

        Assert.Contains("resetNext", error.Message, StringComparison.Ordinal);
        Assert.Contains("'nobody'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Simulator.Faults.FailNext);
    }

    [Fact]
    public async Task Reset_forgets_calls_registrations_usage_faults_and_conflict_mode_switches()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time, RatePerSecond = 1 });
        await h.RegisterAsync("DIALER", "https://a.partner.com");
        h.Simulator.SetConflictMode(SimulatorConflictMode.Ok);
        h.Simulator.InjectFaults(new SimulatorFaultSpec { FailNext = 5 });

        h.Simulator.Reset();

        Assert.Empty(h.Simulator.Calls);
        Assert.Empty(h.Simulator.Registrations);
        Assert.Equal(0, h.Simulator.Faults.FailNext);
        var status = Assert.Single(h.Simulator.GetCompanyStatus());
        Assert.Equal((0L, SimulatorConflictMode.Conflict), (status.UsedToday, status.ConflictMode));
        var answer = await h.RegisterAsync("DIALER", "https://a.partner.com");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(1, h.Simulator.Calls[0].Sequence);
    }

    [Fact]
    public async Task Stopping_the_simulator_does_not_wait_for_a_latency_that_has_not_elapsed()
    {
        var time = new TimerWatchingTimeProvider(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)));
        var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { TimeProvider = time });
        h.Simulator.InjectFaults(new SimulatorFaultSpec { LatencyMs = 3_600_000 });
        var pending = h.RegisterAsync("DIALER", "https://a.partner.com");
        await time.TimerCreated.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var watch = Stopwatch.StartNew();
        await h.DisposeAsync();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"stopping took {watch.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
        Assert.Empty(h.Simulator.Calls);
    }
}
