using k8s.Models;

namespace GongOperator.Kubernetes.Events;

/// <summary>Where the recorder's writes go (client-go's EventSink): the API server, or a fake in unit tests.</summary>
internal interface IEventSink
{
    Task CreateAsync(string eventNamespace, Corev1Event body, CancellationToken cancellationToken);

    Task PatchAsync(string eventNamespace, string name, V1Patch patch, CancellationToken cancellationToken);
}
