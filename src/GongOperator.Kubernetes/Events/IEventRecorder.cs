using k8s;
using k8s.Models;

namespace GongOperator.Kubernetes.Events;

/// <summary>Records Kubernetes Events about objects (<see cref="EventRecorder"/>); the seam a reconciler's unit tests fake.</summary>
public interface IEventRecorder
{
    /// <summary>
    /// Records an event about <paramref name="obj"/> (type <see cref="EventTypes"/>, reason in UpperCamelCase); best
    /// effort. <see cref="EventRecorder"/> only queues it, so the returned task completes without waiting on a write.
    /// </summary>
    Task RecordAsync(IKubernetesObject<V1ObjectMeta> obj, string type, string reason, string message, CancellationToken cancellationToken);
}
