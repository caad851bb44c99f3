using GongOperator.Gong.Budget;

namespace GongOperator.Gong.Batching;

/// <summary>
/// When a company's waiting registrations leave (<see cref="SendPolicy"/>). A company's worker asks it before each
/// call, and again after a <see cref="SendDecision.WaitUntil"/> when that time comes or another registration arrives.
/// </summary>
internal interface ISendPolicy
{
    /// <summary>Decides for <paramref name="waiting"/>, given the budget's <paramref name="budget"/> (whose time is now when granted).</summary>
    SendDecision Decide(BudgetDecision budget, WaitingOrigins waiting);
}
