using GongOperator.Kubernetes.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.Kubernetes.Informers;

/// <summary>Builds <see cref="IListWatchSource{T}"/> instances over KubernetesClient.</summary>
public static class ListWatchSources
{
    /// <summary>A custom resource, its group/version/plural taken from <see cref="KubernetesEntityAttribute"/> on <typeparamref name="T"/>.</summary>
    public static IListWatchSource<T> ForCustomResource<T>(IKubernetes client)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        var type = ResourceType.Of<T>();
        return new DelegateListWatchSource<T, KubernetesList<T>>((ns, a, ct) => ns is null
            ? client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(
                type.Group, type.Version, type.Plural, a.AllowWatchBookmarks, a.Continue, null, a.LabelSelector, a.Limit,
                a.ResourceVersion, null, a.TimeoutSeconds, a.Watch, cancellationToken: ct)
            : client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(
                type.Group, type.Version, ns, type.Plural, a.AllowWatchBookmarks, a.Continue, null, a.LabelSelector, a.Limit,
                a.ResourceVersion, null, a.TimeoutSeconds, a.Watch, cancellationToken: ct));
    }

    /// <summary>Core v1 Secrets, optionally narrowed by a field selector (for example <c>type!=helm.sh/release.v1</c>).</summary>
    public static IListWatchSource<V1Secret> ForSecrets(IKubernetes client, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new DelegateListWatchSource<V1Secret, V1SecretList>((ns, a, ct) => ns is null
            ? client.CoreV1.ListSecretForAllNamespacesWithHttpMessagesAsync(
                a.AllowWatchBookmarks, a.Continue, fieldSelector, a.LabelSelector, a.Limit, resourceVersion: a.ResourceVersion,
                timeoutSeconds: a.TimeoutSeconds, watch: a.Watch, cancellationToken: ct)
            : client.CoreV1.ListNamespacedSecretWithHttpMessagesAsync(
                ns, a.AllowWatchBookmarks, a.Continue, fieldSelector, a.LabelSelector, a.Limit, resourceVersion: a.ResourceVersion,
                timeoutSeconds: a.TimeoutSeconds, watch: a.Watch, cancellationToken: ct));
    }

    /// <summary>Core v1 Namespaces (cluster-scoped: the informer's namespace list must be empty); narrow them with the informer's label selector.</summary>
    public static IListWatchSource<V1Namespace> ForNamespaces(IKubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new DelegateListWatchSource<V1Namespace, V1NamespaceList>((_, a, ct) => client.CoreV1.ListNamespaceWithHttpMessagesAsync(
            a.AllowWatchBookmarks, a.Continue, labelSelector: a.LabelSelector, limit: a.Limit, resourceVersion: a.ResourceVersion,
            timeoutSeconds: a.TimeoutSeconds, watch: a.Watch, cancellationToken: ct));
    }

    /// <summary>Any kind with a generated list method: pass a lambda that calls it with the given arguments.</summary>
    public static IListWatchSource<T> FromListCall<T, TList>(
        Func<string?, ListCallArguments, CancellationToken, Task<HttpOperationResponse<TList>>> listCall)
        where TList : IItems<T>, IMetadata<V1ListMeta>
    {
        ArgumentNullException.ThrowIfNull(listCall);
        return new DelegateListWatchSource<T, TList>(listCall);
    }
}
