namespace GongOperator.Reconciliation;

/// <summary>Which of the three kstatus conditions a reason sets True.</summary>
public enum OriginCondition
{
    /// <summary>Ready=True, Reconciling=False, Stalled=False.</summary>
    Ready,

    /// <summary>Reconciling=True (work pending); Ready=False, or kept True while the origin stays registered at its spec.</summary>
    Waiting,

    /// <summary>Stalled=True, Ready=False: nothing changes until a person acts.</summary>
    Stalled,

    /// <summary>Ready keeps its status; Reconciling=False, Stalled=False.</summary>
    Paused,
}
