using System.Collections.Immutable;

namespace GongOperator.LocalCluster.Resources;

/// <summary>Every servable resource: the built-ins plus one entry per served version of each established CRD.</summary>
internal sealed class ResourceRegistry
{
    private readonly object _gate = new();
    private ImmutableDictionary<string, ImmutableArray<ResourceType>> _custom = ImmutableDictionary<string, ImmutableArray<ResourceType>>.Empty;
    private ImmutableArray<ResourceType> _all = [.. BuiltInResources.All];

    /// <summary>Bumped on every change, so caches (discovery, OpenAPI) know to rebuild.</summary>
    public long Revision { get; private set; }

    public ImmutableArray<ResourceType> All => _all;

    public ResourceType? Find(string group, string version, string plural)
    {
        foreach (var type in _all)
        {
            if (type.Plural == plural && type.Version == version && type.Group == group)
            {
                return type;
            }
        }

        return null;
    }

    public void SetCustom(string crdName, IReadOnlyList<ResourceType> types)
    {
        lock (_gate)
        {
            _custom = _custom.SetItem(crdName, [.. types]);
            Rebuild();
        }
    }

    public void RemoveCustom(string crdName)
    {
        lock (_gate)
        {
            _custom = _custom.Remove(crdName);
            Rebuild();
        }
    }

    private void Rebuild()
    {
        var builder = ImmutableArray.CreateBuilder<ResourceType>();
        builder.AddRange(BuiltInResources.All);
        foreach (var name in _custom.Keys.Order(StringComparer.Ordinal))
        {
            builder.AddRange(_custom[name]);
        }

        _all = builder.ToImmutable();
        Revision++;
    }
}
