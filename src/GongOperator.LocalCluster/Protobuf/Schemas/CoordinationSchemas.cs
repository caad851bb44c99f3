namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>Message schemas of k8s.io/api/coordination/v1 Lease; every LeaseSpec field is a Go pointer.</summary>
internal static class CoordinationSchemas
{
    public static readonly ProtoMessage LeaseSpec = new ProtoMessage("coordination.v1.LeaseSpec")
        .Str(1, "holderIdentity", keepZero: true)
        .I32(2, "leaseDurationSeconds", keepZero: true)
        .MicroTime(3, "acquireTime")
        .MicroTime(4, "renewTime")
        .I32(5, "leaseTransitions", keepZero: true)
        .Str(6, "strategy", keepZero: true)
        .Str(7, "preferredHolder", keepZero: true);

    public static readonly ProtoMessage Lease = new ProtoMessage("coordination.v1.Lease")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", LeaseSpec);
}
