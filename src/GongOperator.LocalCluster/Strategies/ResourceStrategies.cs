using System.Collections.Frozen;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Server;
using GongOperator.LocalCluster.Storage;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>Which strategy serves which resource: one entry per built-in kind with rules of its own, the schema strategy for custom resources.</summary>
internal sealed class ResourceStrategies
{
    private static readonly ResourceStrategy Plain = new();
    private readonly FrozenDictionary<string, IResourceStrategy> _builtIns;

    public ResourceStrategies(ObjectStore store, ResourceRegistry registry, NamespaceLifecycle namespaces, StorageSwaps swaps)
    {
        CustomResourceDefinitions = new CustomResourceDefinitionStrategy(store, registry, swaps);
        var rbac = new RbacStrategy();
        _builtIns = new Dictionary<string, IResourceStrategy>(StringComparer.Ordinal)
        {
            ["/namespaces"] = new NamespaceStrategy(namespaces),
            ["/secrets"] = new SecretStrategy(),
            ["/configmaps"] = new ConfigMapStrategy(),
            ["/services"] = new ServiceStrategy(),
            ["/events"] = new EventStrategy(),
            ["/pods"] = new PodStrategy(),
            ["/persistentvolumeclaims"] = new PersistentVolumeClaimStrategy(),
            ["/resourcequotas"] = new ResourceQuotaStrategy(),
            ["apps/deployments"] = new DeploymentStrategy(),
            ["apps/statefulsets"] = new StatefulSetStrategy(),
            ["apps/daemonsets"] = new DaemonSetStrategy(),
            ["batch/jobs"] = new JobStrategy(),
            ["batch/cronjobs"] = new CronJobStrategy(),
            ["autoscaling/horizontalpodautoscalers"] = new HorizontalPodAutoscalerStrategy(),
            ["policy/poddisruptionbudgets"] = new PodDisruptionBudgetStrategy(),
            ["events.k8s.io/events"] = new EventsViewStrategy(),
            ["rbac.authorization.k8s.io/roles"] = rbac,
            ["rbac.authorization.k8s.io/rolebindings"] = rbac,
            ["rbac.authorization.k8s.io/clusterroles"] = rbac,
            ["rbac.authorization.k8s.io/clusterrolebindings"] = rbac,
            ["apiextensions.k8s.io/customresourcedefinitions"] = CustomResourceDefinitions,
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public CustomResourceDefinitionStrategy CustomResourceDefinitions { get; }

    public IResourceStrategy For(ResourceType type) =>
        type.IsCustom ? new CustomResourceStrategy(type) : _builtIns.GetValueOrDefault(type.Group + "/" + type.Plural, Plain);
}
