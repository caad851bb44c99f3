namespace GongOperator.LocalCluster.Patching;

/// <summary>
/// How a strategic merge patch treats one list field: merged by <see cref="MergeKey"/> (objects),
/// merged as a set (scalars, when <see cref="MergeKey"/> is null), or replaced (when not <see cref="Merge"/>).
/// </summary>
internal sealed record SmpListStrategy(bool Merge, string? MergeKey, bool RetainKeys = false)
{
    public static SmpListStrategy Replace { get; } = new(false, null);

    public static SmpListStrategy MergeScalars { get; } = new(true, null);

    public static SmpListStrategy MergeBy(string key, bool retainKeys = false) => new(true, key, retainKeys);
}
