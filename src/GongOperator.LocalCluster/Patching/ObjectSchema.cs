namespace GongOperator.LocalCluster.Patching;

/// <summary>
/// The little structural knowledge server-side apply needs about one object: the type of each list and
/// which objects are atomic. Caller-supplied list-map keys win over the built-in table in <see cref="KnownFields"/>.
/// </summary>
internal sealed class ObjectSchema
{
    private readonly Func<string, IReadOnlyList<string>?>? _listMapKeys;
    private readonly bool _builtIn;
    private readonly string? _kind;

    public ObjectSchema(string? apiVersion, string? kind, Func<string, IReadOnlyList<string>?>? listMapKeys)
    {
        _listMapKeys = listMapKeys;
        _builtIn = KnownFields.IsBuiltInApiVersion(apiVersion);
        _kind = kind;
    }

    /// <summary>The list type at a schema path such as <c>.status.conditions</c> (field names only, list items left out).</summary>
    public ListType ListAt(string schemaPath)
    {
        var keys = _listMapKeys?.Invoke(schemaPath);
        if (keys is not null)
        {
            if (keys.Count == 0)
            {
                return ListType.Atomic;
            }

            return keys.Count == 1 && keys[0] == FieldManager.SetListMarker ? ListType.Set : new ListType(ListKind.Map, keys);
        }

        return KnownFields.SsaList(schemaPath, _builtIn, _kind) ?? ListType.Atomic;
    }

    public bool IsAtomicMap(string schemaPath) => KnownFields.IsAtomicMap(schemaPath, _builtIn, _kind);
}
