namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>Message schemas of k8s.io/api/apps/v1 Deployment (field numbers from its generated.proto).</summary>
internal static class AppsSchemas
{
    public static readonly ProtoMessage RollingUpdateDeployment = new ProtoMessage("apps.v1.RollingUpdateDeployment")
        .IntOrString(1, "maxUnavailable")
        .IntOrString(2, "maxSurge");

    public static readonly ProtoMessage DeploymentStrategy = new ProtoMessage("apps.v1.DeploymentStrategy")
        .Str(1, "type")
        .Nested(2, "rollingUpdate", RollingUpdateDeployment);

    public static readonly ProtoMessage DeploymentSpec = new ProtoMessage("apps.v1.DeploymentSpec")
        .I32(1, "replicas", keepZero: true)
        .Nested(2, "selector", MetaSchemas.LabelSelector)
        .Nested(3, "template", PodSchemas.PodTemplateSpec)
        .Nested(4, "strategy", DeploymentStrategy)
        .I32(5, "minReadySeconds")
        .I32(6, "revisionHistoryLimit", keepZero: true)
        .Flag(7, "paused")
        .I32(9, "progressDeadlineSeconds", keepZero: true)
        .Str(10, "podReplacementPolicy", keepZero: true);

    public static readonly ProtoMessage DeploymentCondition = new ProtoMessage("apps.v1.DeploymentCondition")
        .Str(1, "type", keepZero: true)
        .Str(2, "status", keepZero: true)
        .Time(6, "lastUpdateTime")
        .Time(7, "lastTransitionTime")
        .Str(4, "reason")
        .Str(5, "message");

    public static readonly ProtoMessage DeploymentStatus = new ProtoMessage("apps.v1.DeploymentStatus")
        .I64(1, "observedGeneration")
        .I32(2, "replicas")
        .I32(3, "updatedReplicas")
        .I32(7, "readyReplicas")
        .I32(4, "availableReplicas")
        .I32(5, "unavailableReplicas")
        .I32(9, "terminatingReplicas", keepZero: true)
        .NestedList(6, "conditions", DeploymentCondition)
        .I32(8, "collisionCount", keepZero: true);

    public static readonly ProtoMessage Deployment = new ProtoMessage("apps.v1.Deployment")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", DeploymentSpec)
        .Nested(3, "status", DeploymentStatus);
}
