using GongOperator.Gong.Api;
using GongOperator.Gong.Budget;
using GongOperator.Gong.Metrics;

namespace GongOperator.Gong.Batching;

/// <summary>
/// One company's calls to Gong, each made only when the company's budget allows it: the one budget wait
/// (<see cref="CompanyBudget.WaitAsync"/>) with its metrics, shared by the worker's loop and both senders.
/// </summary>
internal sealed class CompanyCalls(CompanyBudget budget, GongApiClient api, TimeProvider time, GongMetrics metrics, CancellationToken stopping)
{
    public CompanyBudget Budget { get; } = budget;

    /// <summary>The company's non-secret label, as logs and metrics name it.</summary>
    public string Label => Budget.Key.Label;

    /// <summary>Cancelled when the registrar stops.</summary>
    public CancellationToken Stopping { get; } = stopping;

    /// <summary>True when <paramref name="company"/> is this one (the same budget key).</summary>
    public bool IsThisCompany(GongCompany company) => CompanyKey.For(company) == Budget.Key;

    /// <summary>Waits out the per-second pace without spending anything; returns whether a call may be made now or the company is closed.</summary>
    public Task<BudgetDecision> WaitForPaceAsync() => Budget.WaitAsync(spend: false, time, CountTokenWait, Stopping);

    /// <summary>Counts a refusal by a closed company (a 429 or the daily quota).</summary>
    public void CountRefusal(BudgetDecision decision) =>
        metrics.CountRateLimitWait(decision.Verdict == BudgetVerdict.RateLimited ? "retry_after" : "quota");

    /// <summary>
    /// Posts <paramref name="body"/> with <paramref name="sender"/>'s credentials once the budget allows; when the
    /// company is closed meanwhile, no call is made and the outcome says why.
    /// </summary>
    public async Task<RegistrationOutcome> PostAsync(GongCompany sender, IReadOnlyList<OriginRegistration> body)
    {
        var decision = await WaitForPaceAsync().ConfigureAwait(false);
        if (decision.Verdict != BudgetVerdict.Granted)
        {
            CountRefusal(decision);
            return decision.ToClosedOutcome();
        }

        return await api.PostAsync(sender, Budget, body, Stopping).ConfigureAwait(false);
    }

    private void CountTokenWait() => metrics.CountRateLimitWait("token");
}
