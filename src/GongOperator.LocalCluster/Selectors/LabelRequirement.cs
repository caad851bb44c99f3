namespace GongOperator.LocalCluster.Selectors;

/// <summary>One term of a label selector: key, operator (=, !=, in, notin, exists, !exists) and values.</summary>
internal sealed record LabelRequirement(string Key, string Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            "exists" => has,
            "!exists" => !has,
            "=" or "in" => has && Values.Contains(value!, StringComparer.Ordinal),
            "!=" or "notin" => !has || !Values.Contains(value!, StringComparer.Ordinal),
            _ => false,
        };
    }
}
