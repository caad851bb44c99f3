using GongOperator.LocalCluster.Protobuf.Schemas;

namespace GongOperator.LocalCluster.Protobuf;

/// <summary>Which top-level message schema decodes which apiVersion and kind.</summary>
internal static class KindSchemas
{
    private static readonly Dictionary<(string ApiVersion, string Kind), ProtoMessage> ByKind = new()
    {
        [("v1", "Namespace")] = CoreSchemas.Namespace,
        [("v1", "Secret")] = CoreSchemas.Secret,
        [("v1", "ConfigMap")] = CoreSchemas.ConfigMap,
        [("v1", "ServiceAccount")] = CoreSchemas.ServiceAccount,
        [("v1", "Service")] = CoreSchemas.Service,
        [("v1", "Event")] = CoreSchemas.Event,
        [("events.k8s.io/v1", "Event")] = EventsSchemas.Event,
        [("coordination.k8s.io/v1", "Lease")] = CoordinationSchemas.Lease,
        [("rbac.authorization.k8s.io/v1", "Role")] = RbacSchemas.Role,
        [("rbac.authorization.k8s.io/v1", "RoleBinding")] = RbacSchemas.RoleBinding,
        [("rbac.authorization.k8s.io/v1", "ClusterRole")] = RbacSchemas.ClusterRole,
        [("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")] = RbacSchemas.ClusterRoleBinding,
        [("apps/v1", "Deployment")] = AppsSchemas.Deployment,

        // Beyond what the recorded clients send: other kinds `kubectl create`/`run` may write.
        [("v1", "Pod")] = PodStatusSchemas.Pod,
        [("v1", "PersistentVolumeClaim")] = StorageSchemas.PersistentVolumeClaim,
        [("apps/v1", "ReplicaSet")] = AppsSchemas.ReplicaSet,
        [("apps/v1", "StatefulSet")] = AppsSchemas.StatefulSet,
        [("apps/v1", "DaemonSet")] = AppsSchemas.DaemonSet,
        [("batch/v1", "Job")] = BatchSchemas.Job,
        [("batch/v1", "CronJob")] = BatchSchemas.CronJob,
        [("v1", "ResourceQuota")] = CoreSchemas.ResourceQuota,
        [("v1", "LimitRange")] = DiscoverySchemas.LimitRange,
        [("v1", "Endpoints")] = DiscoverySchemas.Endpoints,
        [("discovery.k8s.io/v1", "EndpointSlice")] = DiscoverySchemas.EndpointSlice,
        [("policy/v1", "PodDisruptionBudget")] = PolicySchemas.PodDisruptionBudget,
        [("scheduling.k8s.io/v1", "PriorityClass")] = PolicySchemas.PriorityClass,
        [("networking.k8s.io/v1", "Ingress")] = NetworkingSchemas.Ingress,
        [("networking.k8s.io/v1", "IngressClass")] = NetworkingSchemas.IngressClass,
        [("networking.k8s.io/v1", "NetworkPolicy")] = NetworkingSchemas.NetworkPolicy,
        [("autoscaling/v2", "HorizontalPodAutoscaler")] = AutoscalingSchemas.HorizontalPodAutoscaler,
    };

    // The options kinds are registered in every group version (client-go encodes DeleteOptions
    // with the version of the client that sends it: "v1" from helm's core client), so any
    // apiVersion is accepted for them.
    private static readonly Dictionary<string, ProtoMessage> OptionsKinds = new(StringComparer.Ordinal)
    {
        ["DeleteOptions"] = MetaSchemas.DeleteOptions,
    };

    /// <summary>All (apiVersion, kind) pairs with a schema; DeleteOptions is listed as meta.k8s.io/v1.</summary>
    public static IEnumerable<(string ApiVersion, string Kind)> Supported =>
        ByKind.Keys.Concat(OptionsKinds.Keys.Select(kind => ("meta.k8s.io/v1", kind)));

    public static ProtoMessage? Find(string apiVersion, string kind)
    {
        if (ByKind.TryGetValue((apiVersion, kind), out var schema))
        {
            return schema;
        }

        return apiVersion.Length != 0 && OptionsKinds.TryGetValue(kind, out schema) ? schema : null;
    }
}
