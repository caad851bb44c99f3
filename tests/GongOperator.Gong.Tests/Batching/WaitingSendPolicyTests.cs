using GongOperator.Gong.Batching;
using GongOperator.Gong.Budget;
using GongOperator.Gong.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GongOperator.Gong.Tests.Batching;

/// <summary>
/// A send policy that waits for a fuller batch (the "maximum wait before a partial batch leaves" rule the README's
/// recipe adds): the worker must ask it again when a registration arrives, not only when the wait is over.
/// </summary>
public sealed class WaitingSendPolicyTests
{
    private const int BatchSize = 3;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_batch_that_fills_during_the_wait_leaves_when_it_fills_not_at_the_deadline()
    {
        var policy = new FullBatchOrDeadline();
        await using var harness = new GongClientHarness(addServices: s => s.AddSingleton<ISendPolicy>(policy));
        var ct = TestContext.Current.CancellationToken;

        var first = harness.Register(Companies.Acme, "https://a.partner.com");
        await policy.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var second = harness.Register(Companies.Acme, "https://b.partner.com");
        var third = harness.Register(Companies.Acme, "https://c.partner.com");

        // The fake clock never moves: only the arrivals can end the wait.
        var outcomes = await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(30), ct);

        var call = Assert.Single(harness.Gong.Requests);
        Assert.Equal(["https://a.partner.com", "https://b.partner.com", "https://c.partner.com"], call.Origins);
        Assert.Equal(GongClientHarness.Start, call.At);
        Assert.All(outcomes, o => Assert.IsType<Registered>(o));
    }

    [Fact]
    public async Task An_arrival_that_does_not_fill_the_batch_keeps_the_oldest_origins_deadline()
    {
        var policy = new FullBatchOrDeadline();
        await using var harness = new GongClientHarness(addServices: s => s.AddSingleton<ISendPolicy>(policy));
        var ct = TestContext.Current.CancellationToken;

        var first = harness.Register(Companies.Acme, "https://a.partner.com");
        await policy.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        while (policy.Asked.Wait(0, ct))
        {
        }

        var second = harness.Register(Companies.Acme, "https://b.partner.com");

        Assert.True(await policy.Asked.WaitAsync(TimeSpan.FromSeconds(30), ct), "the arrival did not make the worker ask the policy again");
        Assert.Empty(harness.Gong.Requests);

        await harness.Drive(Task.WhenAll(first, second), step: TimeSpan.FromSeconds(1));

        var call = Assert.Single(harness.Gong.Requests);
        Assert.Equal(["https://a.partner.com", "https://b.partner.com"], call.Origins);
        Assert.True(call.At >= GongClientHarness.Start + MaxWait, $"the partial batch left at {call.At:O}, before its deadline");
    }

    /// <summary>Sends a full batch at once; a partial one waits until its oldest origin has waited <see cref="MaxWait"/>.</summary>
    private sealed class FullBatchOrDeadline : ISendPolicy
    {
        private readonly SendPolicy _closedCompany = new(new GongClientOptions());

        /// <summary>Completed the first time the policy makes the worker wait.</summary>
        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Released at every decision.</summary>
        public SemaphoreSlim Asked { get; } = new(0);

        public SendDecision Decide(BudgetDecision budget, WaitingOrigins waiting)
        {
            Asked.Release();
            if (budget.Verdict != BudgetVerdict.Granted)
            {
                return _closedCompany.Decide(budget, waiting);
            }

            var deadline = waiting.OldestSince + MaxWait;
            if (waiting.Count >= BatchSize || budget.At >= deadline)
            {
                return new SendDecision.Send(BatchSize);
            }

            Waiting.TrySetResult();
            return new SendDecision.WaitUntil(deadline);
        }
    }
}
