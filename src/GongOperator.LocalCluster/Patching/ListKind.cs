namespace GongOperator.LocalCluster.Patching;

/// <summary>How server-side apply treats a list: replaced whole, merged by key, or merged as a set of scalars.</summary>
internal enum ListKind
{
    /// <summary>The list is one value (x-kubernetes-list-type: atomic, the default).</summary>
    Atomic,

    /// <summary>Items are objects identified by key fields (x-kubernetes-list-type: map).</summary>
    Map,

    /// <summary>Items are distinct scalars (x-kubernetes-list-type: set).</summary>
    Set,
}
