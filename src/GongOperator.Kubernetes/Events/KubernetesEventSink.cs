using k8s;
using k8s.Models;

namespace GongOperator.Kubernetes.Events;

/// <summary>Core v1 Event writes through KubernetesClient.</summary>
internal sealed class KubernetesEventSink(IKubernetes client) : IEventSink
{
    public Task CreateAsync(string eventNamespace, Corev1Event body, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedEventAsync(body, eventNamespace, cancellationToken: cancellationToken);

    public Task PatchAsync(string eventNamespace, string name, V1Patch patch, CancellationToken cancellationToken) =>
        client.CoreV1.PatchNamespacedEventAsync(patch, name, eventNamespace, cancellationToken: cancellationToken);
}
