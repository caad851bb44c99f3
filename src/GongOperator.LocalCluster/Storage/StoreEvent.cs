using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Storage;

/// <summary>One committed change: ADDED, MODIFIED or DELETED, with the object before and after.</summary>
/// <param name="ResourceVersion">The resourceVersion the change was committed at.</param>
/// <param name="StorageKey">group/plural of the changed object.</param>
/// <param name="Type">ADDED, MODIFIED or DELETED.</param>
/// <param name="Object">The object after the change (for DELETED, the last state with the new resourceVersion).</param>
/// <param name="OldObject">The object before the change, if any.</param>
internal sealed record StoreEvent(long ResourceVersion, string StorageKey, string Type, JsonObject Object, JsonObject? OldObject);
