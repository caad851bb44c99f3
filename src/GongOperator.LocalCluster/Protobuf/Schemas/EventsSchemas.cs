namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>Message schemas of k8s.io/api/events/v1 Event (field numbers from its generated.proto).</summary>
internal static class EventsSchemas
{
    public static readonly ProtoMessage EventSeries = new ProtoMessage("events.v1.EventSeries")
        .I32(1, "count", keepZero: true)
        .MicroTime(2, "lastObservedTime");

    public static readonly ProtoMessage Event = new ProtoMessage("events.v1.Event")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .MicroTime(2, "eventTime")
        .Nested(3, "series", EventSeries)
        .Str(4, "reportingController")
        .Str(5, "reportingInstance")
        .Str(6, "action")
        .Str(7, "reason")
        .Nested(8, "regarding", CoreSchemas.ObjectReference)
        .Nested(9, "related", CoreSchemas.ObjectReference)
        .Str(10, "note")
        .Str(11, "type")
        .Nested(12, "deprecatedSource", CoreSchemas.EventSource)
        .Time(13, "deprecatedFirstTimestamp")
        .Time(14, "deprecatedLastTimestamp")
        .I32(15, "deprecatedCount");
}
