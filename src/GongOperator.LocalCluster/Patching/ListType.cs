namespace GongOperator.LocalCluster.Patching;

/// <summary>The server-side apply type of one list: its kind and, for <see cref="ListKind.Map"/>, the key fields.</summary>
internal sealed record ListType(ListKind Kind, IReadOnlyList<string> Keys)
{
    public static ListType Atomic { get; } = new(ListKind.Atomic, []);

    public static ListType Set { get; } = new(ListKind.Set, []);

    public static ListType Map(params string[] keys) => new(ListKind.Map, keys);
}
