using GongOperator.Kubernetes.Status;
using GongOperator.Resources;

namespace GongOperator.Reconciliation;

/// <summary>The few facts about an origin that several rules read, each defined once.</summary>
internal static class OriginAccessors
{
    /// <summary>metadata.generation; 1 when the server sent none (a fresh object).</summary>
    public static long Generation(this GongIntegrationOrigin origin) => origin.Metadata.Generation ?? 1;

    /// <summary>The reassert annotation's value, if set.</summary>
    public static string? ReassertToken(this GongIntegrationOrigin origin) =>
        origin.Metadata.Annotations?.TryGetValue(OriginAnnotations.Reassert, out var token) == true ? token : null;

    /// <summary>True when the paused annotation says "true" (any case).</summary>
    public static bool IsPausedByAnnotation(this GongIntegrationOrigin origin) =>
        origin.Metadata.Annotations?.TryGetValue(OriginAnnotations.Paused, out var paused) == true
        && string.Equals(paused, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Ready condition's reason, or null before the first status write.</summary>
    public static string? ReadyReason(this GongIntegrationOrigin origin) => Conditions.Find(origin.Status?.Conditions, ConditionTypes.Ready)?.Reason;

    /// <summary>True when Ready is True.</summary>
    public static bool IsReady(this GongIntegrationOrigin origin) => Conditions.IsTrue(origin.Status?.Conditions, ConditionTypes.Ready);
}
