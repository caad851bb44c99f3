namespace GongOperator.LocalCluster.Patching;

/// <summary>
/// The handful of list and map tags of built-in kinds that the patch engines need, as our own table
/// (the real server reads them from Go struct tags). Paths are field names joined by dots with a leading
/// dot and no list items, e.g. <c>.spec.template.spec.containers.ports</c>.
/// </summary>
internal static class KnownFields
{
    private static readonly HashSet<string> ContainerLists = new(StringComparer.Ordinal) { "containers", "initContainers", "ephemeralContainers" };

    /// <summary>True for API groups served by Kubernetes itself (core, apps, batch, *.k8s.io, …) rather than by CRDs.</summary>
    public static bool IsBuiltInApiVersion(string? apiVersion)
    {
        if (string.IsNullOrEmpty(apiVersion))
        {
            return false;
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return true;
        }

        var group = apiVersion[..slash];
        return !group.Contains('.', StringComparison.Ordinal) || group.EndsWith(".k8s.io", StringComparison.Ordinal);
    }

    /// <summary>The strategic-merge-patch strategy of the list at <paramref name="path"/> in a built-in <paramref name="kind"/>.</summary>
    public static SmpListStrategy SmpList(string path, string kind)
    {
        var (parent, last) = Split(path);
        var (_, parentLast) = Split(parent);
        if (path.EndsWith("metadata.finalizers", StringComparison.Ordinal))
        {
            return SmpListStrategy.MergeScalars;
        }

        if (path.EndsWith("metadata.ownerReferences", StringComparison.Ordinal))
        {
            return SmpListStrategy.MergeBy("uid");
        }

        if (ContainerLists.Contains(last))
        {
            return SmpListStrategy.MergeBy("name");
        }

        if (ContainerLists.Contains(parentLast))
        {
            return last switch
            {
                "ports" => SmpListStrategy.MergeBy("containerPort"),
                "env" => SmpListStrategy.MergeBy("name"),
                "volumeMounts" => SmpListStrategy.MergeBy("mountPath"),
                "volumeDevices" => SmpListStrategy.MergeBy("devicePath"),
                "resizePolicy" => SmpListStrategy.Replace,
                _ => SmpListStrategy.Replace,
            };
        }

        switch (last)
        {
            case "volumes" when parentLast == "spec":
                return SmpListStrategy.MergeBy("name", retainKeys: true);
            case "imagePullSecrets":
                return SmpListStrategy.MergeBy("name");
            case "hostAliases":
                return SmpListStrategy.MergeBy("ip");
            case "topologySpreadConstraints":
                return SmpListStrategy.MergeBy("topologyKey");
            case "conditions" when parentLast == "status":
                return SmpListStrategy.MergeBy("type");
            case "addresses" when parentLast == "status" && kind == "Node":
                return SmpListStrategy.MergeBy("type");
            case "ports" when path == ".spec.ports" && kind == "Service":
                return SmpListStrategy.MergeBy("port");
            default:
                return SmpListStrategy.Replace;
        }
    }

    /// <summary>
    /// The server-side-apply list type at <paramref name="path"/>, or null when the table has no entry
    /// (the caller then treats the list as atomic). Built-in tags apply only when <paramref name="builtIn"/>.
    /// </summary>
    public static ListType? SsaList(string path, bool builtIn, string? kind)
    {
        if (path == ".metadata.finalizers")
        {
            return ListType.Set;
        }

        if (path == ".metadata.ownerReferences")
        {
            return ListType.Map("uid");
        }

        if (path == ".status.conditions")
        {
            return ListType.Map("type");
        }

        if (!builtIn)
        {
            return null;
        }

        var (parent, last) = Split(path);
        var (_, parentLast) = Split(parent);
        if (ContainerLists.Contains(last))
        {
            return ListType.Map("name");
        }

        if (ContainerLists.Contains(parentLast))
        {
            return last switch
            {
                "ports" => ListType.Map("containerPort", "protocol"),
                "env" => ListType.Map("name"),
                "volumeMounts" => ListType.Map("mountPath"),
                "volumeDevices" => ListType.Map("devicePath"),
                _ => null,
            };
        }

        return last switch
        {
            "volumes" when parentLast == "spec" => ListType.Map("name"),
            "imagePullSecrets" => ListType.Map("name"),
            "hostAliases" => ListType.Map("ip"),
            "finalizers" when path.EndsWith("metadata.finalizers", StringComparison.Ordinal) => ListType.Set,
            "ports" when path == ".spec.ports" && kind == "Service" => ListType.Map("port", "protocol"),
            "addresses" when path == ".status.addresses" && kind == "Node" => ListType.Map("type"),
            _ => null,
        };
    }

    /// <summary>True when server-side apply treats the object at <paramref name="path"/> as one value (structType/mapType atomic).</summary>
    public static bool IsAtomicMap(string path, bool builtIn, string? kind)
    {
        if (!builtIn)
        {
            return false;
        }

        return path switch
        {
            ".roleRef" => kind is "RoleBinding" or "ClusterRoleBinding",
            ".spec.selector" => kind is "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" or "Job" or "Service" or "PodDisruptionBudget",
            _ => false,
        };
    }

    private static (string Parent, string Last) Split(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? (string.Empty, path) : (path[..dot], path[(dot + 1)..]);
    }
}
