namespace GongOperator.Gong.Budget;

/// <summary>The budget's answer to "may this company be called now?".</summary>
internal readonly record struct BudgetDecision(BudgetVerdict Verdict, DateTimeOffset At)
{
    public static BudgetDecision Granted(DateTimeOffset now) => new(BudgetVerdict.Granted, now);
}
