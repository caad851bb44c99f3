namespace GongOperator.Kubernetes.Controllers;

/// <summary>Decides whether an update of a watched object should enqueue it.</summary>
public delegate bool UpdatePredicate<in T>(T oldObject, T newObject);
