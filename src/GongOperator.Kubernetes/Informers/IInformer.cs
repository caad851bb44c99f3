namespace GongOperator.Kubernetes.Informers;

/// <summary>The kind-independent face of an informer, for hosts and health checks.</summary>
public interface IInformer
{
    /// <summary>Name for logs and health reports.</summary>
    string Name { get; }

    /// <summary>True once every scope has been listed into the cache.</summary>
    bool HasSynced { get; }

    /// <summary>Lists, watches and keeps the cache current until cancelled.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Completes when <see cref="HasSynced"/> becomes true.</summary>
    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
