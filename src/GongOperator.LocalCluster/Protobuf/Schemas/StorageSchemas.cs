namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>core/v1 PersistentVolumeClaim (the kind, and StatefulSet's volumeClaimTemplates).</summary>
internal static class StorageSchemas
{
    public static readonly ProtoMessage PersistentVolumeClaimCondition = new ProtoMessage("core.v1.PersistentVolumeClaimCondition")
        .Str(1, "type", keepZero: true)
        .Str(2, "status", keepZero: true)
        .Time(3, "lastProbeTime")
        .Time(4, "lastTransitionTime")
        .Str(5, "reason")
        .Str(6, "message");

    public static readonly ProtoMessage ModifyVolumeStatus = new ProtoMessage("core.v1.ModifyVolumeStatus")
        .Str(1, "targetVolumeAttributesClassName")
        .Str(2, "status", keepZero: true);

    public static readonly ProtoMessage PersistentVolumeClaimStatus = new ProtoMessage("core.v1.PersistentVolumeClaimStatus")
        .Str(1, "phase")
        .StrList(2, "accessModes")
        .QuantityMap(3, "capacity")
        .NestedList(4, "conditions", PersistentVolumeClaimCondition)
        .QuantityMap(5, "allocatedResources")
        .StrMap(7, "allocatedResourceStatuses")
        .Str(8, "currentVolumeAttributesClassName", keepZero: true)
        .Nested(9, "modifyVolumeStatus", ModifyVolumeStatus);

    public static readonly ProtoMessage PersistentVolumeClaim = new ProtoMessage("core.v1.PersistentVolumeClaim")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", PodSchemas.PersistentVolumeClaimSpec)
        .Nested(3, "status", PersistentVolumeClaimStatus);
}
