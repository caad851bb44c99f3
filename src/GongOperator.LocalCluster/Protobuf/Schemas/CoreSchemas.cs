namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>Message schemas of k8s.io/api/core/v1 for the namespaced config kinds (field numbers from its generated.proto).</summary>
internal static class CoreSchemas
{
    public static readonly ProtoMessage NamespaceCondition = new ProtoMessage("core.v1.NamespaceCondition")
        .Str(1, "type", keepZero: true)
        .Str(2, "status", keepZero: true)
        .Time(4, "lastTransitionTime")
        .Str(5, "reason")
        .Str(6, "message");

    public static readonly ProtoMessage NamespaceSpec = new ProtoMessage("core.v1.NamespaceSpec")
        .StrList(1, "finalizers");

    public static readonly ProtoMessage NamespaceStatus = new ProtoMessage("core.v1.NamespaceStatus")
        .Str(1, "phase")
        .NestedList(2, "conditions", NamespaceCondition);

    public static readonly ProtoMessage Namespace = new ProtoMessage("core.v1.Namespace")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", NamespaceSpec)
        .Nested(3, "status", NamespaceStatus);

    public static readonly ProtoMessage Secret = new ProtoMessage("core.v1.Secret")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Flag(5, "immutable", keepZero: true)
        .BytesMap(2, "data")
        .StrMap(4, "stringData")
        .Str(3, "type");

    public static readonly ProtoMessage ConfigMap = new ProtoMessage("core.v1.ConfigMap")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Flag(4, "immutable", keepZero: true)
        .StrMap(2, "data")
        .BytesMap(3, "binaryData");
}
