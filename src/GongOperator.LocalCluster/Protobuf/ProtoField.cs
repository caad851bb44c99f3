namespace GongOperator.LocalCluster.Protobuf;

/// <summary>
/// One field of a message schema. <paramref name="KeepZero"/> marks fields that Go writes to JSON
/// even when zero (pointer fields such as replicas or gracePeriodSeconds, and fields without
/// omitempty): Go's protobuf encoder writes a pointer field only when it is set, so for these the
/// value is kept whenever it is on the wire.
/// </summary>
internal sealed record ProtoField(
    int Number,
    string JsonName,
    FieldKind Kind,
    FieldShape Shape,
    ProtoMessage? Message,
    bool KeepZero);
