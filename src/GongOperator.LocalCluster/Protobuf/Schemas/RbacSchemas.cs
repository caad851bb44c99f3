namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>Message schemas of k8s.io/api/rbac/v1 (field numbers from its generated.proto).</summary>
internal static class RbacSchemas
{
    public static readonly ProtoMessage PolicyRule = new ProtoMessage("rbac.v1.PolicyRule")
        .StrList(1, "verbs")
        .StrList(2, "apiGroups")
        .StrList(3, "resources")
        .StrList(4, "resourceNames")
        .StrList(5, "nonResourceURLs");

    public static readonly ProtoMessage AggregationRule = new ProtoMessage("rbac.v1.AggregationRule")
        .NestedList(1, "clusterRoleSelectors", MetaSchemas.LabelSelector);

    public static readonly ProtoMessage Subject = new ProtoMessage("rbac.v1.Subject")
        .Str(1, "kind", keepZero: true)
        .Str(2, "apiGroup")
        .Str(3, "name", keepZero: true)
        .Str(4, "namespace");

    public static readonly ProtoMessage RoleRef = new ProtoMessage("rbac.v1.RoleRef")
        .Str(1, "apiGroup", keepZero: true)
        .Str(2, "kind", keepZero: true)
        .Str(3, "name", keepZero: true);

    public static readonly ProtoMessage Role = new ProtoMessage("rbac.v1.Role")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .NestedList(2, "rules", PolicyRule);

    public static readonly ProtoMessage ClusterRole = new ProtoMessage("rbac.v1.ClusterRole")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .NestedList(2, "rules", PolicyRule)
        .Nested(3, "aggregationRule", AggregationRule);

    public static readonly ProtoMessage RoleBinding = new ProtoMessage("rbac.v1.RoleBinding")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .NestedList(2, "subjects", Subject)
        .Nested(3, "roleRef", RoleRef);

    public static readonly ProtoMessage ClusterRoleBinding = new ProtoMessage("rbac.v1.ClusterRoleBinding")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .NestedList(2, "subjects", Subject)
        .Nested(3, "roleRef", RoleRef);
}
