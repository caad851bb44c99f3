using GongOperator.GongSimulator;
using GongOperator.Reconciliation;

using GongOperator.Tests.EndToEnd;

namespace GongOperator.Tests.Faults;

/// <summary>
/// Gong misbehaving: 500s, connection resets, answers that never come in time, 200s whose body is not JSON (JSON cut
/// short, an HTML page), 429 storms. Each scenario ends with every origin Ready, nothing lost and nothing wasted (<see cref="FaultVerdict"/>).
/// </summary>
[Collection(nameof(GongFaultTests))]
public sealed class GongFaultTests
{
    private const int Origins = 5;

    [Fact]
    public async Task Five_hundreds_are_retried_until_every_origin_registers()
    {
        await using var world = await FaultWorld.StartAsync(new GongSimulatorOptions { Faults = new SimulatorFaultSpec { FailNext = 4 } });

        await world.CreateOriginsAsync("fail", Origins);

        await world.WaitAllReadyAsync(Origins, TimeSpan.FromSeconds(60));
        await world.AssertNothingLostOrWastedAsync();
        Assert.Equal(4, world.Simulator.Calls.Count(c => c.Fault == "fail"));
    }

    [Fact]
    public async Task Connection_resets_are_retried_until_every_origin_registers()
    {
        await using var world = await FaultWorld.StartAsync(new GongSimulatorOptions { Faults = new SimulatorFaultSpec { ResetNext = 3 } });

        await world.CreateOriginsAsync("reset", Origins);

        await world.WaitAllReadyAsync(Origins, TimeSpan.FromSeconds(60));
        await world.AssertNothingLostOrWastedAsync();
        Assert.Equal(3, world.Simulator.Calls.Count(c => c.Fault == "reset"));
    }

    [Fact]
    public async Task Answers_later_than_the_request_timeout_are_retried_and_the_origins_register()
    {
        await using var world = await FaultWorld.StartAsync(
            new GongSimulatorOptions { Faults = new SimulatorFaultSpec { LatencyMs = 1500 } },
            o => o with { GongRequestTimeout = TimeSpan.FromMilliseconds(300) });

        await world.CreateOriginsAsync("slow", Origins);
        // Every attempt of a call (the first and its in-call retries) is given up on before Gong answers; then Gong is fast again.
        await Eventually.HoldsAsync(() => world.History.Samples.Any(s => s.Reason == OriginReasons.GongUnavailable), "an origin waits after timeouts", TimeSpan.FromSeconds(60));
        world.Simulator.ClearFaults();

        await world.WaitAllReadyAsync(Origins, TimeSpan.FromSeconds(60));
        await world.AssertNothingLostOrWastedAsync();
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("malformed")]
    public async Task A_200_with_a_body_that_is_not_JSON_ends_AlreadyRegistered_and_says_the_id_is_unknown(string fault)
    {
        // "truncated": the JSON cut off halfway; "malformed": an HTML page (a proxy's) in its place.
        var faults = fault == "truncated" ? new SimulatorFaultSpec { TruncatedNext = 1 } : new SimulatorFaultSpec { MalformedNext = 1 };
        await using var world = await FaultWorld.StartAsync(new GongSimulatorOptions { Faults = faults });

        await world.CreateOriginsAsync("garbled", 1);

        await world.WaitAllReadyAsync(1, TimeSpan.FromSeconds(60));
        var origin = Assert.Single(await world.AssertNothingLostOrWastedAsync());
        // Gong registered the origin on the garbled call; the operator could not read the id, retried, and was told 409.
        Assert.Equal([fault, null], world.Simulator.Calls.Select(c => c.Fault));
        Assert.Equal([200, 409], world.Simulator.Calls.Select(c => c.Status));
        var ready = origin.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready);
        Assert.Equal(OriginReasons.AlreadyRegistered, ready.Reason);
        Assert.Null(origin.Status.IntegrationId);
        Assert.Contains("integrationId is not known", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_storm_is_waited_out_without_a_call_inside_any_Retry_After()
    {
        await using var world = await FaultWorld.StartAsync(new GongSimulatorOptions { Faults = new SimulatorFaultSpec { StormSeconds = 3, StormRetryAfterSeconds = 1 } });

        await world.CreateOriginsAsync("storm", Origins * 2);

        await world.WaitAllReadyAsync(Origins * 2, TimeSpan.FromSeconds(60));
        await world.AssertNothingLostOrWastedAsync();
        Assert.Contains(world.Simulator.Calls, c => c.Fault == "storm");
    }
}
