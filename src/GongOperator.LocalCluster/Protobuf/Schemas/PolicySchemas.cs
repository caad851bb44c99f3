namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>policy/v1 PodDisruptionBudget and scheduling.k8s.io/v1 PriorityClass (field numbers from their generated.proto).</summary>
internal static class PolicySchemas
{
    public static readonly ProtoMessage PodDisruptionBudgetSpec = new ProtoMessage("policy.v1.PodDisruptionBudgetSpec")
        .IntOrString(1, "minAvailable")
        .Nested(2, "selector", MetaSchemas.LabelSelector)
        .IntOrString(3, "maxUnavailable")
        .Str(4, "unhealthyPodEvictionPolicy", keepZero: true);

    public static readonly ProtoMessage PodDisruptionBudgetStatus = new ProtoMessage("policy.v1.PodDisruptionBudgetStatus")
        .I64(1, "observedGeneration")
        .TimeMap(2, "disruptedPods")
        .I32(3, "disruptionsAllowed", keepZero: true)
        .I32(4, "currentHealthy", keepZero: true)
        .I32(5, "desiredHealthy", keepZero: true)
        .I32(6, "expectedPods", keepZero: true)
        .NestedList(7, "conditions", MetaSchemas.Condition);

    public static readonly ProtoMessage PodDisruptionBudget = new ProtoMessage("policy.v1.PodDisruptionBudget")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", PodDisruptionBudgetSpec)
        .Nested(3, "status", PodDisruptionBudgetStatus);

    public static readonly ProtoMessage PriorityClass = new ProtoMessage("scheduling.v1.PriorityClass")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .I32(2, "value", keepZero: true)
        .Flag(3, "globalDefault")
        .Str(4, "description")
        .Str(5, "preemptionPolicy", keepZero: true);
}
