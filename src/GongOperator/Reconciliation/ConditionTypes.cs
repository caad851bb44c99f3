namespace GongOperator.Reconciliation;

/// <summary>The condition types of a GongIntegrationOrigin (kstatus convention).</summary>
public static class ConditionTypes
{
    /// <summary>Always present: True once Gong has accepted the origin at the current spec.</summary>
    public const string Ready = "Ready";

    /// <summary>True while work is pending (a call due, a wait for a rate limit or backoff).</summary>
    public const string Reconciling = "Reconciling";

    /// <summary>True when nothing will change until a person acts.</summary>
    public const string Stalled = "Stalled";
}
