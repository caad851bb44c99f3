using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Server;

/// <summary>One page of a list: the list's resourceVersion, its items, the continue token and how many items remain after it.</summary>
internal sealed record ListResult(long ResourceVersion, IReadOnlyList<JsonObject> Items, string? Continue, long? Remaining);
