using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Resources;

/// <summary>
/// core/v1 Events and events.k8s.io/v1 Events are two views of the same stored objects (stored in
/// the core form), converted field by field as the real server's conversion does.
/// </summary>
internal static class EventViews
{
    private static readonly (string Core, string View)[] Renamed =
    [
        ("involvedObject", "regarding"),
        ("message", "note"),
        ("reportingComponent", "reportingController"),
        ("source", "deprecatedSource"),
        ("firstTimestamp", "deprecatedFirstTimestamp"),
        ("lastTimestamp", "deprecatedLastTimestamp"),
        ("count", "deprecatedCount"),
    ];

    private static readonly string[] Shared = ["metadata", "reason", "type", "action", "related", "eventTime", "series", "reportingInstance"];

    public static bool IsView(ResourceType type) => type.Group == "events.k8s.io" && type.Plural == "events";

    public static JsonObject ToView(JsonObject core)
    {
        var view = new JsonObject { ["apiVersion"] = "events.k8s.io/v1", ["kind"] = "Event" };
        Copy(core, view, Shared.Select(s => (s, s)));
        Copy(core, view, Renamed);
        return view;
    }

    public static JsonObject ToCore(JsonObject view)
    {
        var core = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Event" };
        Copy(view, core, Shared.Select(s => (s, s)));
        Copy(view, core, Renamed.Select(r => (r.View, r.Core)));
        return core;
    }

    private static void Copy(JsonObject from, JsonObject to, IEnumerable<(string From, string To)> fields)
    {
        foreach (var (source, target) in fields)
        {
            if (from[source] is { } value)
            {
                to[target] = value.DeepClone();
            }
        }
    }
}
