namespace GongOperator.LocalCluster.Resources;

/// <summary>The built-in kinds the embedded server stores (generically, as JSON).</summary>
internal static class BuiltInResources
{
    public static IReadOnlyList<ResourceType> All { get; } =
    [
        new() { Group = "", Version = "v1", Kind = "Namespace", Plural = "namespaces", Singular = "namespace", Namespaced = false, ShortNames = ["ns"], HasStatus = true, Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"] },
        new() { Group = "", Version = "v1", Kind = "Secret", Plural = "secrets", Singular = "secret", Namespaced = true },
        new() { Group = "", Version = "v1", Kind = "ConfigMap", Plural = "configmaps", Singular = "configmap", Namespaced = true, ShortNames = ["cm"] },
        new() { Group = "", Version = "v1", Kind = "ServiceAccount", Plural = "serviceaccounts", Singular = "serviceaccount", Namespaced = true, ShortNames = ["sa"] },
        new() { Group = "", Version = "v1", Kind = "Service", Plural = "services", Singular = "service", Namespaced = true, ShortNames = ["svc"], Categories = ["all"], HasStatus = true, Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"] },
        new() { Group = "", Version = "v1", Kind = "Event", Plural = "events", Singular = "event", Namespaced = true, ShortNames = ["ev"] },
        new() { Group = "", Version = "v1", Kind = "Pod", Plural = "pods", Singular = "pod", Namespaced = true, ShortNames = ["po"], Categories = ["all"], HasStatus = true },
        new() { Group = "apps", Version = "v1", Kind = "ReplicaSet", Plural = "replicasets", Singular = "replicaset", Namespaced = true, ShortNames = ["rs"], Categories = ["all"], HasStatus = true, HasGeneration = true },
        new() { Group = "apps", Version = "v1", Kind = "Deployment", Plural = "deployments", Singular = "deployment", Namespaced = true, ShortNames = ["deploy"], Categories = ["all"], HasStatus = true, HasGeneration = true, HasScale = true, AnnotationsBumpGeneration = true },
        new() { Group = "", Version = "v1", Kind = "PersistentVolumeClaim", Plural = "persistentvolumeclaims", Singular = "persistentvolumeclaim", Namespaced = true, ShortNames = ["pvc"], HasStatus = true },
        new() { Group = "", Version = "v1", Kind = "ResourceQuota", Plural = "resourcequotas", Singular = "resourcequota", Namespaced = true, ShortNames = ["quota"], HasStatus = true },
        new() { Group = "", Version = "v1", Kind = "LimitRange", Plural = "limitranges", Singular = "limitrange", Namespaced = true, ShortNames = ["limits"] },
        new() { Group = "", Version = "v1", Kind = "Endpoints", Plural = "endpoints", Singular = "endpoints", Namespaced = true, ShortNames = ["ep"] },
        new() { Group = "apps", Version = "v1", Kind = "StatefulSet", Plural = "statefulsets", Singular = "statefulset", Namespaced = true, ShortNames = ["sts"], Categories = ["all"], HasStatus = true, HasGeneration = true, HasScale = true },
        new() { Group = "apps", Version = "v1", Kind = "DaemonSet", Plural = "daemonsets", Singular = "daemonset", Namespaced = true, ShortNames = ["ds"], Categories = ["all"], HasStatus = true, HasGeneration = true },
        new() { Group = "batch", Version = "v1", Kind = "Job", Plural = "jobs", Singular = "job", Namespaced = true, Categories = ["all"], HasStatus = true, HasGeneration = true },
        new() { Group = "batch", Version = "v1", Kind = "CronJob", Plural = "cronjobs", Singular = "cronjob", Namespaced = true, ShortNames = ["cj"], Categories = ["all"], HasStatus = true, HasGeneration = true },
        new() { Group = "autoscaling", Version = "v2", Kind = "HorizontalPodAutoscaler", Plural = "horizontalpodautoscalers", Singular = "horizontalpodautoscaler", Namespaced = true, ShortNames = ["hpa"], Categories = ["all"], HasStatus = true },
        new() { Group = "networking.k8s.io", Version = "v1", Kind = "Ingress", Plural = "ingresses", Singular = "ingress", Namespaced = true, ShortNames = ["ing"], HasStatus = true, HasGeneration = true },
        new() { Group = "networking.k8s.io", Version = "v1", Kind = "IngressClass", Plural = "ingressclasses", Singular = "ingressclass", Namespaced = false, HasGeneration = true },
        new() { Group = "networking.k8s.io", Version = "v1", Kind = "NetworkPolicy", Plural = "networkpolicies", Singular = "networkpolicy", Namespaced = true, ShortNames = ["netpol"], HasGeneration = true },
        new() { Group = "discovery.k8s.io", Version = "v1", Kind = "EndpointSlice", Plural = "endpointslices", Singular = "endpointslice", Namespaced = true, HasGeneration = true },
        new() { Group = "policy", Version = "v1", Kind = "PodDisruptionBudget", Plural = "poddisruptionbudgets", Singular = "poddisruptionbudget", Namespaced = true, ShortNames = ["pdb"], HasStatus = true, HasGeneration = true },
        new() { Group = "coordination.k8s.io", Version = "v1", Kind = "Lease", Plural = "leases", Singular = "lease", Namespaced = true, RequiresResourceVersionOnUpdate = true, CreateOnUpdate = true },
        new() { Group = "events.k8s.io", Version = "v1", Kind = "Event", Plural = "events", Singular = "event", Namespaced = true, ShortNames = ["ev"], StorageKeyOverride = "/events" },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "Role", Plural = "roles", Singular = "role", Namespaced = true },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "RoleBinding", Plural = "rolebindings", Singular = "rolebinding", Namespaced = true },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "ClusterRole", Plural = "clusterroles", Singular = "clusterrole", Namespaced = false },
        new() { Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "ClusterRoleBinding", Plural = "clusterrolebindings", Singular = "clusterrolebinding", Namespaced = false },
        new() { Group = "apiextensions.k8s.io", Version = "v1", Kind = "CustomResourceDefinition", Plural = "customresourcedefinitions", Singular = "customresourcedefinition", Namespaced = false, ShortNames = ["crd", "crds"], Categories = ["api-extensions"], HasStatus = true, HasGeneration = true },
    ];
}
