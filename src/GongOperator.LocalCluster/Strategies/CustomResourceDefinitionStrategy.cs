using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Server;
using GongOperator.LocalCluster.Storage;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>
/// CustomResourceDefinitions: names defaulted and checked, established at once (the apiextensions
/// controllers' status), and served: a committed CRD (re)registers its resource types, a removed one
/// takes its custom resources and types with it.
/// </summary>
internal sealed class CustomResourceDefinitionStrategy : ResourceStrategy
{
    private readonly ObjectStore _store;
    private readonly ResourceRegistry _registry;
    private readonly StorageSwaps _swaps;

    public CustomResourceDefinitionStrategy(ObjectStore store, ResourceRegistry registry, StorageSwaps swaps)
    {
        _store = store;
        _registry = registry;
        _swaps = swaps;
    }

    public override void PrepareForCreate(JsonObject obj, string now) => CustomResourceDefinitions.Default(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, string now) => CustomResourceDefinitions.Default(obj);

    public override IEnumerable<StatusCause> Validate(JsonObject obj) => CustomResourceDefinitions.Validate(obj);

    public override void SimulateControllers(JsonObject obj, JsonObject? old, string now) =>
        CustomResourceDefinitions.SetStatus(obj, old?["status"] as JsonObject, now);

    public override void AfterCommit(JsonObject stored, JsonObject? previous)
    {
        // A CRD being deleted keeps serving its resources until its finalizers are gone.
        if (stored["metadata"]?["deletionTimestamp"] is not null)
        {
            return;
        }

        var types = CustomResourceDefinitions.ToResourceTypes(stored);
        _registry.SetCustom(NameOf(stored), types);
        if (previous is not null && types.Count > 0 && !Json.Same(previous["spec"], stored["spec"]))
        {
            // As in kube-apiserver, any spec change (not metadata or status) builds new storage for the resource.
            _swaps.Begin(NameOf(stored), types[0].StorageKey);
        }
    }

    public override void OnDelete(JsonObject deleted)
    {
        var crdName = NameOf(deleted);
        foreach (var type in _registry.All.Where(t => t.IsCustom && t.QualifiedPlural == crdName).ToList())
        {
            foreach (var (key, _) in _store.All(type.StorageKey))
            {
                _store.Commit(type.StorageKey, key, null);
            }
        }

        _registry.RemoveCustom(crdName);
    }

    /// <summary>Serves the CRDs found in storage at start.</summary>
    public void RegisterStored()
    {
        foreach (var (_, crd) in _store.All("apiextensions.k8s.io/customresourcedefinitions"))
        {
            _registry.SetCustom(NameOf(crd), CustomResourceDefinitions.ToResourceTypes(crd));
        }
    }

    private static string NameOf(JsonObject crd) => Json.Text(crd["metadata"]?["name"])!;
}
