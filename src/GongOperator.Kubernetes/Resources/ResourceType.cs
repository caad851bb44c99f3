using System.Reflection;
using k8s.Models;

namespace GongOperator.Kubernetes.Resources;

/// <summary>Group, version and plural of a kind, read from its <see cref="KubernetesEntityAttribute"/>.</summary>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind)
{
    /// <summary>"group/version", or "version" for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>Reads the attribute of <typeparamref name="T"/>; fails with a message naming what is missing.</summary>
    public static ResourceType Of<T>()
    {
        var attribute = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException(
                $"{typeof(T).Name} has no [KubernetesEntity(Group=…, ApiVersion=…, Kind=…, PluralName=…)] attribute.");
        if (string.IsNullOrEmpty(attribute.ApiVersion) || string.IsNullOrEmpty(attribute.PluralName) || string.IsNullOrEmpty(attribute.Kind))
        {
            throw new InvalidOperationException(
                $"{typeof(T).Name}'s [KubernetesEntity] needs ApiVersion, Kind and PluralName.");
        }

        return new ResourceType(attribute.Group ?? string.Empty, attribute.ApiVersion, attribute.PluralName, attribute.Kind);
    }
}
