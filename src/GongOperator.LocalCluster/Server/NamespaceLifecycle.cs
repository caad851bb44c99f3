using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Storage;

namespace GongOperator.LocalCluster.Server;

/// <summary>
/// What kube-apiserver's NamespaceLifecycle admission and the namespace controller do, at once: the
/// standard namespaces exist, nothing is created in a missing namespace, and a removed namespace's
/// objects are removed with it (no Terminating phase, finalizers of the contents are not waited for).
/// </summary>
internal sealed class NamespaceLifecycle
{
    private readonly ObjectStore _store;

    public NamespaceLifecycle(ObjectStore store) => _store = store;

    public static IReadOnlyList<string> StandardNamespaces { get; } = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>Refuses (404) a write of a namespaced object into a namespace that does not exist.</summary>
    public void RequireNamespace(ResourceType type, string? ns)
    {
        if (type.Namespaced && _store.Get("/namespaces", null, ns!) is null)
        {
            throw StatusException.NamespaceNotFound(ns!);
        }
    }

    /// <summary>Removes every object in <paramref name="ns"/> (the caller holds the write lock).</summary>
    public void DeleteContents(string ns)
    {
        var prefix = ns + "/";
        foreach (var storageKey in _store.StorageKeys())
        {
            foreach (var (key, _) in _store.All(storageKey))
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    _store.Commit(storageKey, key, null);
                }
            }
        }
    }
}
