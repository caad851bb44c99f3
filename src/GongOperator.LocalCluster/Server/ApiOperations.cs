using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Storage;
using GongOperator.LocalCluster.Strategies;

namespace GongOperator.LocalCluster.Server;

/// <summary>
/// The verbs of one server, composed: reads (<see cref="ObjectReader"/>), writes (<see cref="ObjectWriter"/>,
/// or <see cref="EventsViewWrites"/> for the events.k8s.io view), deletes (<see cref="ObjectDeleter"/>) and
/// <c>/scale</c> (<see cref="ScaleSubresource"/>); what is particular to a kind lives in its strategy
/// (<see cref="ResourceStrategies"/>).
/// </summary>
internal sealed class ApiOperations
{
    private readonly ResourceStrategies _strategies;
    private readonly ObjectWriter _writer;
    private readonly EventsViewWrites _eventsView;

    public ApiOperations(ObjectStore store, ResourceRegistry registry, StorageSwaps swaps, TimeProvider time)
    {
        Store = store;
        Registry = registry;
        Swaps = swaps;
        var namespaces = new NamespaceLifecycle(store);
        _strategies = new ResourceStrategies(store, registry, namespaces, swaps);
        Reader = new ObjectReader(store, _strategies);
        Deleter = new ObjectDeleter(store, Reader, _strategies, new GarbageCollector(store, time), time);
        _writer = new ObjectWriter(store, Reader, new Admission(_strategies, time), _strategies, namespaces, Deleter, time);
        _eventsView = new EventsViewWrites(store, _writer, registry.Find("", "v1", "events")!);
        Scale = new ScaleSubresource(store, Reader, _writer);
    }

    public ObjectStore Store { get; }

    public ResourceRegistry Registry { get; }

    /// <summary>Which custom resources are in a CRD storage swap (503) right now.</summary>
    public StorageSwaps Swaps { get; }

    public ObjectReader Reader { get; }

    public ObjectDeleter Deleter { get; }

    public ScaleSubresource Scale { get; }

    /// <summary>The writing verbs for <paramref name="type"/>: the events.k8s.io view converts to the stored core Events.</summary>
    public IObjectWrites WritesFor(ResourceType type) => EventViews.IsView(type) ? _eventsView : _writer;

    /// <summary>Serves the CRDs found in storage and precreates the standard namespaces.</summary>
    public void Bootstrap()
    {
        _strategies.CustomResourceDefinitions.RegisterStored();
        var namespaces = Registry.Find("", "v1", "namespaces")!;
        foreach (var name in NamespaceLifecycle.StandardNamespaces)
        {
            lock (Store.WriteLock)
            {
                if (Store.Get(namespaces.StorageKey, null, name) is null)
                {
                    _writer.Create(namespaces, null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } }, new WriteOptions("kube-apiserver", "Ignore", false, false));
                }
            }
        }
    }
}
