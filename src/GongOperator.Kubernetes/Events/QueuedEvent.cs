using k8s.Models;

namespace GongOperator.Kubernetes.Events;

/// <summary>
/// An event waiting for the recorder's writer: the involved object as it was when recorded (a later change of the
/// object must not change what the event says), the namespace it goes to, and the aggregator's decision.
/// </summary>
internal sealed record QueuedEvent(V1ObjectReference InvolvedObject, string EventNamespace, EventSpec Spec, EventDecision Decision);
