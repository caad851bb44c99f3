using k8s;
using k8s.Models;

namespace GongOperator.Kubernetes.Controllers;

/// <summary>Identifies one object: namespace (empty for cluster-scoped kinds) and name. The unit of reconciling.</summary>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    /// <summary>The key of an object, from its metadata.</summary>
    public static ObjectKey From(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new ObjectKey(obj.Metadata?.NamespaceProperty ?? string.Empty, obj.Metadata?.Name ?? string.Empty);
    }

    /// <summary>Parses "namespace/name" or "name".</summary>
    public static ObjectKey Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new ObjectKey(string.Empty, value) : new ObjectKey(value[..slash], value[(slash + 1)..]);
    }

    /// <summary>"namespace/name", or "name" for cluster-scoped objects (the client-go key format).</summary>
    public override string ToString() => Namespace.Length == 0 ? Name : Namespace + "/" + Name;
}
