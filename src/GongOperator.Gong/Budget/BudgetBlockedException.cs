namespace GongOperator.Gong.Budget;

/// <summary>Thrown inside the HTTP pipeline when a retry attempt finds the company closed; never retried, mapped to an outcome.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1032", Justification = "Internal: only ever thrown with the budget's decision.")]
internal sealed class BudgetBlockedException(BudgetDecision decision) : Exception("The company's budget does not allow a call now.")
{
    public BudgetDecision Decision { get; } = decision;
}
