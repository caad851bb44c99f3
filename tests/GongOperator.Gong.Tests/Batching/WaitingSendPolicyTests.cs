using GongOperator.Gong.Batching;
using GongOperator.Gong.Budget;
using GongOperator.Gong.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GongOperator.Gong.Tests.Batching;

/// <summary>
/// A send policy that waits for a fuller batch (the "maximum wait before a partial batch leaves" rule the README's
/// recipe adds): the worker must ask it again when a registration arrives, not only when the wait is over.
/// </summary>
public sealed class WaitingSendPolicyTests : IAsyncDisposable
{
    private const int BatchSize = 3;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private readonly FullBatchOrDeadline _policy = new();
    private readonly GongClientHarness _harness;

    public WaitingSendPolicyTests() => _harness = new GongClientHarness(addServices: s => s.AddSingleton<ISendPolicy>(_policy));

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task A_batch_that_fills_during_the_wait_leaves_when_it_fills_not_at_the_deadline()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await FirstOriginWaitsAsync();

        var second = _harness.Register(Companies.Acme, "https://b.partner.com");
        var third = _harness.Register(Companies.Acme, "https://c.partner.com");

        // The fake clock never moves: only the arrivals can end the wait.
        var outcomes = await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(30), ct);

        var call = Assert.Single(_harness.Gong.Requests);
        Assert.Equal(["https://a.partner.com", "https://b.partner.com", "https://c.partner.com"], call.Origins);
        Assert.Equal(GongClientHarness.Start, call.At);
        Assert.All(outcomes, o => Assert.IsType<Registered>(o));
    }

    [Fact]
    public async Task An_arrival_that_does_not_fill_the_batch_keeps_the_oldest_origins_deadline()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await FirstOriginWaitsAsync();
        while (_policy.Asked.Wait(0, ct))
        {
        }

        var second = _harness.Register(Companies.Acme, "https://b.partner.com");

        Assert.True(await _policy.Asked.WaitAsync(TimeSpan.FromSeconds(30), ct), "the arrival did not make the worker ask the policy again");
        Assert.Empty(_harness.Gong.Requests);

        await _harness.Drive(Task.WhenAll(first, second), step: TimeSpan.FromSeconds(1));

        var call = Assert.Single(_harness.Gong.Requests);
        Assert.Equal(["https://a.partner.com", "https://b.partner.com"], call.Origins);
        Assert.True(call.At >= GongClientHarness.Start + MaxWait, $"the partial batch left at {call.At:O}, before its deadline");
    }

    /// <summary>Registers the first origin and returns its registration once the worker waits with it under the policy.</summary>
    private async Task<Task<RegistrationOutcome>> FirstOriginWaitsAsync()
    {
        var first = _harness.Register(Companies.Acme, "https://a.partner.com");
        await _policy.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return first;
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
