namespace GongOperator.Kubernetes.Controllers;

/// <summary>What a reconcile asks for next: nothing (<see cref="Done"/>) or another pass after a delay.</summary>
public sealed record ReconcileResult
{
    private ReconcileResult(TimeSpan? requeueAfter) => RequeueAfterDelay = requeueAfter;

    /// <summary>Delay before the next pass, or null when the object is in its desired state.</summary>
    public TimeSpan? RequeueAfterDelay { get; }

    /// <summary>Converged: reconcile again only when something changes.</summary>
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    /// <summary>Reconcile again after <paramref name="delay"/> (a sooner request for the same key wins; a later one never erases this).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new ReconcileResult(delay);
    }
}
