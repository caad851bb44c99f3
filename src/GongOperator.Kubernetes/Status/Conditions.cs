using k8s.Models;

namespace GongOperator.Kubernetes.Status;

/// <summary>
/// Maintains a metav1.Condition list: lastTransitionTime moves only when a condition's status flips, and
/// observedGeneration is always stamped. Times are cut to whole seconds, as the API server stores them.
/// </summary>
public static class Conditions
{
    /// <summary>Condition status "True".</summary>
    public const string True = "True";

    /// <summary>Condition status "False".</summary>
    public const string False = "False";

    /// <summary>Condition status "Unknown".</summary>
    public const string Unknown = "Unknown";

    /// <summary>
    /// Sets the condition of <paramref name="type"/>; returns true when anything changed (so the caller knows whether
    /// a status write is needed).
    /// </summary>
    public static bool Set(
        IList<V1Condition> conditions,
        string type,
        string status,
        string reason,
        string message,
        long? observedGeneration,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(status);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var stamp = KubernetesTime.WholeSeconds(now);
        var existing = Find(conditions, type);
        if (existing is null)
        {
            conditions.Add(new V1Condition
            {
                Type = type,
                Status = status,
                Reason = reason,
                Message = message ?? string.Empty,
                ObservedGeneration = observedGeneration,
                LastTransitionTime = stamp,
            });
            return true;
        }

        var changed = false;
        if (!string.Equals(existing.Status, status, StringComparison.Ordinal))
        {
            existing.Status = status;
            existing.LastTransitionTime = stamp;
            changed = true;
        }

        if (!string.Equals(existing.Reason, reason, StringComparison.Ordinal))
        {
            existing.Reason = reason;
            changed = true;
        }

        if (!string.Equals(existing.Message ?? string.Empty, message ?? string.Empty, StringComparison.Ordinal))
        {
            existing.Message = message ?? string.Empty;
            changed = true;
        }

        if (existing.ObservedGeneration != observedGeneration)
        {
            existing.ObservedGeneration = observedGeneration;
            changed = true;
        }

        return changed;
    }

    /// <summary>The condition of <paramref name="type"/>, or null.</summary>
    public static V1Condition? Find(IEnumerable<V1Condition>? conditions, string type)
        => conditions?.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.Ordinal));

    /// <summary>True when the condition exists with status "True".</summary>
    public static bool IsTrue(IEnumerable<V1Condition>? conditions, string type)
        => string.Equals(Find(conditions, type)?.Status, True, StringComparison.Ordinal);

    /// <summary>Removes the condition of <paramref name="type"/>; returns true when one was removed.</summary>
    public static bool Remove(IList<V1Condition> conditions, string type)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var existing = Find(conditions, type);
        return existing is not null && conditions.Remove(existing);
    }
}
