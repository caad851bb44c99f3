using GongOperator.LocalCluster.Validation;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>
/// core/v1 Events: the real server checks only that the name is usable as a URL path segment (spaces and
/// capitals pass); names written through events.k8s.io/v1 must be DNS subdomains (<c>Server/EventsViewWrites</c>).
/// </summary>
internal sealed class EventStrategy : ResourceStrategy
{
    public override IReadOnlyList<string> NameErrors(string name, bool prefix) => NameRules.PathSegment(name, prefix);
}
