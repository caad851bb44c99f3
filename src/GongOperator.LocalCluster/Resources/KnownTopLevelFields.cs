using System.Collections.Frozen;

namespace GongOperator.LocalCluster.Resources;

/// <summary>
/// The top-level fields of each built-in kind and the fields of ObjectMeta, so a typo such as
/// <c>date:</c> for <c>data:</c> is reported under fieldValidation (Strict → 400, Warn → warning)
/// and dropped, as the real server's strict decoding does. Nested built-in fields are not checked.
/// </summary>
internal static class KnownTopLevelFields
{
    public static FrozenSet<string> ObjectMeta { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields");

    private static readonly FrozenDictionary<string, FrozenSet<string>> ByKind = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
    {
        ["/Namespace"] = Set("spec", "status"),
        ["/Secret"] = Set("data", "stringData", "type", "immutable"),
        ["/ConfigMap"] = Set("data", "binaryData", "immutable"),
        ["/ServiceAccount"] = Set("secrets", "imagePullSecrets", "automountServiceAccountToken"),
        ["/Service"] = Set("spec", "status"),
        ["/Pod"] = Set("spec", "status"),
        ["/PersistentVolumeClaim"] = Set("spec", "status"),
        ["/ResourceQuota"] = Set("spec", "status"),
        ["/LimitRange"] = Set("spec"),
        ["/Endpoints"] = Set("subsets"),
        ["/Event"] = Set("involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp", "count", "type", "eventTime", "series", "action", "related", "reportingComponent", "reportingInstance"),
        ["apps/Deployment"] = Set("spec", "status"),
        ["apps/ReplicaSet"] = Set("spec", "status"),
        ["apps/StatefulSet"] = Set("spec", "status"),
        ["apps/DaemonSet"] = Set("spec", "status"),
        ["batch/Job"] = Set("spec", "status"),
        ["batch/CronJob"] = Set("spec", "status"),
        ["autoscaling/HorizontalPodAutoscaler"] = Set("spec", "status"),
        ["networking.k8s.io/Ingress"] = Set("spec", "status"),
        ["networking.k8s.io/IngressClass"] = Set("spec"),
        ["networking.k8s.io/NetworkPolicy"] = Set("spec"),
        ["discovery.k8s.io/EndpointSlice"] = Set("addressType", "endpoints", "ports"),
        ["policy/PodDisruptionBudget"] = Set("spec", "status"),
        ["coordination.k8s.io/Lease"] = Set("spec"),
        ["events.k8s.io/Event"] = Set("eventTime", "series", "reportingController", "reportingInstance", "action", "reason", "regarding", "related", "note", "type", "deprecatedSource", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount"),
        ["rbac.authorization.k8s.io/Role"] = Set("rules"),
        ["rbac.authorization.k8s.io/ClusterRole"] = Set("rules", "aggregationRule"),
        ["rbac.authorization.k8s.io/RoleBinding"] = Set("subjects", "roleRef"),
        ["rbac.authorization.k8s.io/ClusterRoleBinding"] = Set("subjects", "roleRef"),
        ["apiextensions.k8s.io/CustomResourceDefinition"] = Set("spec", "status"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The known top-level fields of a built-in kind (apiVersion, kind, metadata included), or null when unknown.</summary>
    public static FrozenSet<string>? For(ResourceType type) => ByKind.TryGetValue(type.Group + "/" + type.Kind, out var set) ? set : null;

    private static FrozenSet<string> Set(params string[] fields) => FrozenSet.Create(StringComparer.Ordinal, ["apiVersion", "kind", "metadata", .. fields]);
}
