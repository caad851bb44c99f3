using System.Net;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Informers;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.Kubernetes.Resources;

/// <summary>
/// Typed access to a namespaced custom resource and its /status subresource: a thin layer over KubernetesClient's
/// CustomObjects API so callers work with <typeparamref name="T"/> instead of group/version/plural strings.
/// </summary>
/// <typeparam name="T">The resource type; carries <see cref="KubernetesEntityAttribute"/>.</typeparam>
public sealed class CustomResourceClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IKubernetes _client;

    public CustomResourceClient(IKubernetes client)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        Type = ResourceType.Of<T>();
    }

    /// <summary>Group, version, plural and kind of <typeparamref name="T"/>.</summary>
    public ResourceType Type { get; }

    /// <summary>Reads an object; null when it does not exist.</summary>
    public async Task<T?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.CustomObjects.GetNamespacedCustomObjectAsync<T>(
                Type.Group, Type.Version, key.Namespace, Type.Plural, key.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Lists objects in one namespace, or in all when <paramref name="namespaceName"/> is null.</summary>
    public async Task<IReadOnlyList<T>> ListAsync(string? namespaceName, string? labelSelector, CancellationToken cancellationToken)
    {
        var list = namespaceName is null
            ? await _client.CustomObjects.ListClusterCustomObjectAsync<KubernetesList<T>>(
                Type.Group, Type.Version, Type.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await _client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<T>>(
                Type.Group, Type.Version, namespaceName, Type.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.Items is null ? [] : list.Items.ToList();
    }

    /// <summary>Creates an object in its metadata's namespace.</summary>
    public Task<T> CreateAsync(T obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        FillTypeMeta(obj);
        return _client.CustomObjects.CreateNamespacedCustomObjectAsync<T>(
            obj, Type.Group, Type.Version, obj.Metadata.NamespaceProperty, Type.Plural, cancellationToken: cancellationToken);
    }

    /// <summary>Replaces an object (PUT); a stale resourceVersion fails with 409.</summary>
    public Task<T> ReplaceAsync(T obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        FillTypeMeta(obj);
        return _client.CustomObjects.ReplaceNamespacedCustomObjectAsync<T>(
            obj, Type.Group, Type.Version, obj.Metadata.NamespaceProperty, Type.Plural, obj.Metadata.Name, cancellationToken: cancellationToken);
    }

    /// <summary>Replaces the /status subresource (PUT); only status changes, a stale resourceVersion fails with 409.</summary>
    public Task<T> ReplaceStatusAsync(T obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        FillTypeMeta(obj);
        return _client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<T>(
            obj, Type.Group, Type.Version, obj.Metadata.NamespaceProperty, Type.Plural, obj.Metadata.Name, cancellationToken: cancellationToken);
    }

    /// <summary>Patches an object (merge patch or JSON patch; strategic merge is not served for custom resources).</summary>
    public Task<T> PatchAsync(ObjectKey key, V1Patch patch, CancellationToken cancellationToken)
        => _client.CustomObjects.PatchNamespacedCustomObjectAsync<T>(
            patch, Type.Group, Type.Version, key.Namespace, Type.Plural, key.Name, cancellationToken: cancellationToken);

    /// <summary>Patches the /status subresource.</summary>
    public Task<T> PatchStatusAsync(ObjectKey key, V1Patch patch, CancellationToken cancellationToken)
        => _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<T>(
            patch, Type.Group, Type.Version, key.Namespace, Type.Plural, key.Name, cancellationToken: cancellationToken);

    /// <summary>Deletes an object; returns false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            await _client.CustomObjects.DeleteNamespacedCustomObjectAsync(
                Type.Group, Type.Version, key.Namespace, Type.Plural, key.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>A list/watch source for an <see cref="Informer{T}"/> of this kind.</summary>
    public IListWatchSource<T> ListWatchSource() => ListWatchSources.ForCustomResource<T>(_client);

    private void FillTypeMeta(T obj)
    {
        obj.ApiVersion ??= Type.ApiVersion;
        obj.Kind ??= Type.Kind;
    }
}
