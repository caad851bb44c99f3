using GongOperator.Kubernetes.Informers;

namespace GongOperator.Kubernetes.Controllers;

/// <summary>The kind-independent face of a controller, for the <see cref="Hosting.ControllerManager"/>.</summary>
public interface IController
{
    /// <summary>Unique name (metric label).</summary>
    string Name { get; }

    /// <summary>Informers whose sync the controller waits for.</summary>
    IReadOnlyCollection<IInformer> Informers { get; }

    /// <summary>Reconciles until cancelled, then lets in-flight reconciles finish within the graceful bound.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
