using k8s;
using k8s.Models;

namespace GongOperator.Kubernetes.Controllers;

/// <summary>
/// Ready-made update predicates. A controller that writes its own status should filter updates with
/// <c>Or(GenerationChanged, AnnotationsChanged(...))</c> so its status writes (which never bump generation) do not
/// enqueue the object again.
/// </summary>
public static class Predicates
{
    /// <summary>True when metadata.generation differs (spec changed, or deletion started).</summary>
    public static UpdatePredicate<T> GenerationChanged<T>()
        where T : IKubernetesObject<V1ObjectMeta>
        => (oldObject, newObject) => oldObject.Metadata?.Generation != newObject.Metadata?.Generation;

    /// <summary>True when any of the named annotations was added, removed or changed.</summary>
    public static UpdatePredicate<T> AnnotationsChanged<T>(params string[] annotationKeys)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(annotationKeys);
        var keys = annotationKeys.ToArray();
        return (oldObject, newObject) => keys.Any(key =>
            !string.Equals(Annotation(oldObject, key), Annotation(newObject, key), StringComparison.Ordinal));
    }

    /// <summary>True when the labels differ.</summary>
    public static UpdatePredicate<T> LabelsChanged<T>()
        where T : IKubernetesObject<V1ObjectMeta>
        => (oldObject, newObject) => !DictionaryEquals(oldObject.Metadata?.Labels, newObject.Metadata?.Labels);

    /// <summary>True when deletionTimestamp was set or finalizers changed.</summary>
    public static UpdatePredicate<T> DeletionOrFinalizersChanged<T>()
        where T : IKubernetesObject<V1ObjectMeta>
        => (oldObject, newObject) =>
            oldObject.Metadata?.DeletionTimestamp != newObject.Metadata?.DeletionTimestamp
            || !(oldObject.Metadata?.Finalizers ?? []).SequenceEqual(newObject.Metadata?.Finalizers ?? [], StringComparer.Ordinal);

    /// <summary>True when any of the predicates is true.</summary>
    public static UpdatePredicate<T> Or<T>(params UpdatePredicate<T>[] predicates)
    {
        ArgumentNullException.ThrowIfNull(predicates);
        var all = predicates.ToArray();
        return (oldObject, newObject) => all.Any(p => p(oldObject, newObject));
    }

    /// <summary>True when all of the predicates are true.</summary>
    public static UpdatePredicate<T> And<T>(params UpdatePredicate<T>[] predicates)
    {
        ArgumentNullException.ThrowIfNull(predicates);
        var all = predicates.ToArray();
        return (oldObject, newObject) => all.All(p => p(oldObject, newObject));
    }

    private static string? Annotation<T>(T obj, string key)
        where T : IKubernetesObject<V1ObjectMeta>
        => obj.Metadata?.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    private static bool DictionaryEquals(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        a ??= new Dictionary<string, string>();
        b ??= new Dictionary<string, string>();
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && string.Equals(v, kv.Value, StringComparison.Ordinal));
    }
}
