namespace GongOperator.LocalCluster.Patching;

/// <summary>The paths a write added, changed and removed, as server-side apply's comparison reports them.</summary>
internal sealed record FieldComparison(FieldSet Added, FieldSet Modified, FieldSet Removed)
{
    public FieldSet Changed()
    {
        var changed = Added.Clone();
        changed.UnionWith(Modified);
        return changed;
    }
}
