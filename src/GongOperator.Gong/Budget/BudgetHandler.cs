using GongOperator.Gong.Api;
using GongOperator.Gong.Metrics;

namespace GongOperator.Gong.Budget;

/// <summary>
/// Spends the company's budget for every HTTP attempt, retries included: waits out the per-second pace,
/// and refuses (without calling) when a 429 or the daily quota has closed the company.
/// </summary>
internal sealed class BudgetHandler(TimeProvider time, GongMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var budget = GongHttp.BudgetOf(request)
            ?? throw new InvalidOperationException("A Gong request must carry its company's budget.");
        var decision = await budget.WaitAsync(spend: true, time, () => metrics.CountRateLimitWait("token"), cancellationToken).ConfigureAwait(false);
        if (decision.Verdict != BudgetVerdict.Granted)
        {
            throw new BudgetBlockedException(decision);
        }

        metrics.SetQuotaRemaining(budget.Key.Label, budget.GetState(time.GetUtcNow()).Remaining);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Gong has counted this call by the time anything comes back; the next calls are paced from here.
            budget.Settle(time.GetUtcNow());
        }
    }
}
