namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>Message schemas of k8s.io/apimachinery/pkg/apis/meta/v1 (field numbers from its generated.proto).</summary>
internal static class MetaSchemas
{
    public static readonly ProtoMessage OwnerReference = new ProtoMessage("meta.v1.OwnerReference")
        .Str(5, "apiVersion", keepZero: true)
        .Str(1, "kind", keepZero: true)
        .Str(3, "name", keepZero: true)
        .Str(4, "uid", keepZero: true)
        .Flag(6, "controller", keepZero: true)
        .Flag(7, "blockOwnerDeletion", keepZero: true);

    public static readonly ProtoMessage ManagedFieldsEntry = new ProtoMessage("meta.v1.ManagedFieldsEntry")
        .Str(1, "manager")
        .Str(2, "operation")
        .Str(3, "apiVersion")
        .Time(4, "time")
        .Str(6, "fieldsType")
        .FieldsV1(7, "fieldsV1")
        .Str(8, "subresource");

    public static readonly ProtoMessage ObjectMeta = new ProtoMessage("meta.v1.ObjectMeta")
        .Str(1, "name")
        .Str(2, "generateName")
        .Str(3, "namespace")
        .Str(4, "selfLink")
        .Str(5, "uid")
        .Str(6, "resourceVersion")
        .I64(7, "generation")
        .Time(8, "creationTimestamp")
        .Time(9, "deletionTimestamp")
        .I64(10, "deletionGracePeriodSeconds", keepZero: true)
        .StrMap(11, "labels")
        .StrMap(12, "annotations")
        .NestedList(13, "ownerReferences", OwnerReference)
        .StrList(14, "finalizers")
        .NestedList(17, "managedFields", ManagedFieldsEntry);

    public static readonly ProtoMessage LabelSelectorRequirement = new ProtoMessage("meta.v1.LabelSelectorRequirement")
        .Str(1, "key", keepZero: true)
        .Str(2, "operator", keepZero: true)
        .StrList(3, "values");

    public static readonly ProtoMessage LabelSelector = new ProtoMessage("meta.v1.LabelSelector")
        .StrMap(1, "matchLabels")
        .NestedList(2, "matchExpressions", LabelSelectorRequirement);

    public static readonly ProtoMessage Condition = new ProtoMessage("meta.v1.Condition")
        .Str(1, "type", keepZero: true)
        .Str(2, "status", keepZero: true)
        .I64(3, "observedGeneration")
        .Time(4, "lastTransitionTime")
        .Str(5, "reason", keepZero: true)
        .Str(6, "message", keepZero: true);

    public static readonly ProtoMessage Preconditions = new ProtoMessage("meta.v1.Preconditions")
        .Str(1, "uid", keepZero: true)
        .Str(2, "resourceVersion", keepZero: true);

    public static readonly ProtoMessage DeleteOptions = new ProtoMessage("meta.v1.DeleteOptions")
        .I64(1, "gracePeriodSeconds", keepZero: true)
        .Nested(2, "preconditions", Preconditions)
        .Flag(3, "orphanDependents", keepZero: true)
        .Str(4, "propagationPolicy", keepZero: true)
        .StrList(5, "dryRun")
        .Flag(6, "ignoreStoreReadErrorWithClusterBreakingPotential", keepZero: true);
}
