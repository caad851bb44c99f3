namespace GongOperator.Kubernetes.Controllers;

/// <summary>A controller that can also be stopped without grace (lost leadership).</summary>
internal interface IAbortableController : IController
{
    /// <summary>Runs until <paramref name="stopping"/>; <paramref name="abort"/> cancels in-flight reconciles at once.</summary>
    Task RunAsync(CancellationToken stopping, CancellationToken abort);
}
