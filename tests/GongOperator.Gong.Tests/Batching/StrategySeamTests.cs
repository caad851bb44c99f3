using GongOperator.Gong.Strategy;
using GongOperator.Gong.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GongOperator.Gong.Tests.Batching;

public sealed class StrategySeamTests
{
    /// <summary>A strategy that sends at most two origins per call and never splits: proves the worker asks the seam.</summary>
    private sealed class TwoAtATime : IRegistrationStrategy
    {
        public RegistrationCall PlanCall(GongCompany company, IReadOnlyList<OriginRegistration> waiting, int maxBatchSize)
        {
            var taken = waiting.Take(2).ToArray();
            return new RegistrationCall(taken, taken);
        }

        public IReadOnlyList<RegistrationCall> SplitRefusedCall(GongCompany company, RegistrationCall refused) => [];
    }

    [Fact]
    public async Task The_strategy_decides_what_each_call_contains()
    {
        await using var harness = new GongClientHarness(addServices: s => s.AddSingleton<IRegistrationStrategy, TwoAtATime>());
        await harness.Register(Companies.Acme, "https://warm-up.partner.com");

        await harness.Drive(Enumerable.Range(0, 6).Select(i => harness.Register(Companies.Acme, $"https://t{i}.partner.com")));

        Assert.All(harness.Gong.Requests.Skip(1), r => Assert.Equal(2, r.Origins.Count));
    }

    [Fact]
    public void Incremental_sends_the_waiting_origins_up_to_the_batch_size_and_bisects_refusals()
    {
        var strategy = new IncrementalStrategy();
        var waiting = Enumerable.Range(0, 5).Select(i => new OriginRegistration("DIALER", $"https://t{i}.partner.com")).ToArray();

        var call = strategy.PlanCall(Companies.Acme, waiting, 3);
        var parts = strategy.SplitRefusedCall(Companies.Acme, call);

        Assert.Equal(waiting.Take(3), call.Body);
        Assert.Equal(call.Answers, call.Body);
        Assert.Equal([1, 2], parts.Select(p => p.Answers.Count));
        Assert.Equal(call.Answers, parts.SelectMany(p => p.Answers));
        Assert.Empty(strategy.SplitRefusedCall(Companies.Acme, new RegistrationCall([waiting[0]], [waiting[0]])));
    }

    [Fact]
    public async Task A_rotated_secret_for_the_same_key_is_used_from_the_next_call_on()
    {
        await using var harness = new GongClientHarness();
        var before = new GongCompany(Companies.Acme.BaseUrl, new BasicCredentials("acme-key", "old-secret"));
        var after = new GongCompany(Companies.Acme.BaseUrl, new BasicCredentials("acme-key", "new-secret"));

        await harness.Register(before, "https://a.partner.com");
        await harness.Drive(harness.Register(after, "https://b.partner.com"));

        Assert.Equal(
            "Basic " + Convert.ToBase64String("acme-key:new-secret"u8.ToArray()),
            harness.Gong.Requests[1].Authorization);
        Assert.Equal(harness.Budgets.GetBudgetState(before), harness.Budgets.GetBudgetState(after));
    }
}
