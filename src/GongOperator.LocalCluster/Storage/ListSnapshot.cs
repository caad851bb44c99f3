using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Storage;

/// <summary>Objects of one storage key as of one resourceVersion, ordered by namespace/name.</summary>
internal sealed record ListSnapshot(long ResourceVersion, IReadOnlyList<KeyValuePair<string, JsonObject>> Items);
