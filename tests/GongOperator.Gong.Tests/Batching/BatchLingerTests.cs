using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Batching;

/// <summary>
/// The opt-in linger through the real client on a fake clock: a burst whose origins arrive over time leaves in one call
/// when the linger covers it (several without), and a lone origin on an idle company waits only the quiet gap.
/// </summary>
public sealed class BatchLingerTests
{
    private const int BurstSize = 8;
    private static readonly TimeSpan BetweenArrivals = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_burst_arriving_over_time_leaves_in_one_call_when_the_linger_covers_it()
    {
        await using var harness = new GongClientHarness(o => o.BatchLinger = TimeSpan.FromSeconds(2));

        var outcomes = await ArriveOverTimeAsync(harness, afterFirst: () => Task.CompletedTask);
        var lastArrival = harness.Time.GetUtcNow();
        await harness.Drive(Task.WhenAll(outcomes), step: TimeSpan.FromMilliseconds(10));

        var call = Assert.Single(harness.Gong.Requests);
        Assert.Equal(Origins(), call.Origins);
        Assert.True(call.At >= lastArrival + GongClientOptions.BatchLingerQuietGap, $"the batch left at {call.At:O}, before the quiet gap after the last arrival ({lastArrival:O})");
        Assert.All(await Task.WhenAll(outcomes), o => Assert.IsType<Registered>(o));
    }

    [Fact]
    public async Task Without_a_linger_the_same_burst_leaves_in_several_calls_as_before()
    {
        await using var harness = new GongClientHarness();

        // The first origin leaves the moment it arrives, before the second one exists.
        var outcomes = await ArriveOverTimeAsync(harness, afterFirst: () => UntilAsync(() => harness.Gong.Requests.Count == 1));
        await harness.Drive(Task.WhenAll(outcomes), step: TimeSpan.FromMilliseconds(10));

        var calls = harness.Gong.Requests;
        Assert.True(calls.Count > 1, $"{calls.Count} call(s)");
        Assert.Equal(["https://o0.partner.com"], calls[0].Origins);
        Assert.Equal(GongClientHarness.Start, calls[0].At);
        Assert.Equal(Origins(), calls.SelectMany(c => c.Origins).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_lone_origin_on_an_idle_company_waits_only_the_quiet_gap_not_the_linger()
    {
        await using var harness = new GongClientHarness(o => o.BatchLinger = TimeSpan.FromSeconds(30));

        var outcome = await harness.Drive(harness.Register(Companies.Acme, "https://solo.partner.com"), step: TimeSpan.FromMilliseconds(10));

        Assert.IsType<Registered>(outcome);
        var call = Assert.Single(harness.Gong.Requests);
        var waited = call.At - GongClientHarness.Start;
        // The lower bound is exact (the clock moves only when the test moves it); the upper one leaves room for the steps
        // the clock takes while a loaded machine is slow to make the call, and is still far below the 30 s linger.
        Assert.True(waited >= GongClientOptions.BatchLingerQuietGap, $"the origin left after {waited}, before the quiet gap");
        Assert.True(waited < TimeSpan.FromSeconds(1), $"the origin waited {waited}");
    }

    /// <summary>Registers <see cref="BurstSize"/> origins of one company, <see cref="BetweenArrivals"/> apart on the fake clock.</summary>
    private static async Task<Task<RegistrationOutcome>[]> ArriveOverTimeAsync(GongClientHarness harness, Func<Task> afterFirst)
    {
        var outcomes = new Task<RegistrationOutcome>[BurstSize];
        for (var i = 0; i < BurstSize; i++)
        {
            if (i > 0)
            {
                harness.Time.Advance(BetweenArrivals);
            }

            outcomes[i] = harness.Register(Companies.Acme, $"https://o{i}.partner.com");
            if (i == 0)
            {
                await afterFirst();
            }
        }

        return outcomes;
    }

    private static string[] Origins() => [.. Enumerable.Range(0, BurstSize).Select(i => $"https://o{i}.partner.com")];

    /// <summary>Polls <paramref name="condition"/> in real time, with a bound.</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        var bound = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < bound, "the condition did not hold within the bound");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
