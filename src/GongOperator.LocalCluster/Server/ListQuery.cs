using GongOperator.LocalCluster.Selectors;

namespace GongOperator.LocalCluster.Server;

/// <summary>The list/watch query options.</summary>
internal sealed record ListQuery(
    LabelSelector Labels,
    FieldSelector Fields,
    string? ResourceVersion,
    string? ResourceVersionMatch,
    int? Limit,
    string? Continue);
