namespace GongOperator.Gong.Budget;

/// <summary>Thrown inside the HTTP pipeline when a retry attempt finds the company closed; never retried, mapped to an outcome.</summary>
internal sealed class BudgetBlockedException : Exception
{
    public BudgetBlockedException()
    {
    }

    public BudgetBlockedException(string message)
        : base(message)
    {
    }

    public BudgetBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BudgetBlockedException(BudgetDecision decision)
        : base("The company's budget does not allow a call now.")
    {
        Decision = decision;
    }

    public BudgetDecision Decision { get; }
}
