namespace GongOperator.Kubernetes.Controllers;

/// <summary>
/// The reconciler contract: a key in, a result out. Read the object from the informer cache by key (it may be gone).
/// Throwing means "back off and retry"; throw <see cref="TerminalReconcileException"/> to stop retrying.
/// </summary>
public interface IReconciler
{
    /// <summary>Drives the object named by <paramref name="key"/> towards its desired state.</summary>
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);
}
