namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>Message schemas of k8s.io/api/apps/v1 (field numbers from its generated.proto).</summary>
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

    // ReplicaSet

    public static readonly ProtoMessage ReplicaSetSpec = new ProtoMessage("apps.v1.ReplicaSetSpec")
        .I32(1, "replicas", keepZero: true)
        .I32(4, "minReadySeconds")
        .Nested(2, "selector", MetaSchemas.LabelSelector)
        .Nested(3, "template", PodSchemas.PodTemplateSpec);

    public static readonly ProtoMessage ReplicaSetCondition = new ProtoMessage("apps.v1.ReplicaSetCondition")
        .Str(1, "type", keepZero: true)
        .Str(2, "status", keepZero: true)
        .Time(3, "lastTransitionTime")
        .Str(4, "reason")
        .Str(5, "message");

    public static readonly ProtoMessage ReplicaSetStatus = new ProtoMessage("apps.v1.ReplicaSetStatus")
        .I32(1, "replicas", keepZero: true)
        .I32(2, "fullyLabeledReplicas")
        .I32(4, "readyReplicas")
        .I32(5, "availableReplicas")
        .I32(7, "terminatingReplicas", keepZero: true)
        .I64(3, "observedGeneration")
        .NestedList(6, "conditions", ReplicaSetCondition);

    public static readonly ProtoMessage ReplicaSet = new ProtoMessage("apps.v1.ReplicaSet")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", ReplicaSetSpec)
        .Nested(3, "status", ReplicaSetStatus);

    // StatefulSet

    public static readonly ProtoMessage RollingUpdateStatefulSetStrategy = new ProtoMessage("apps.v1.RollingUpdateStatefulSetStrategy")
        .I32(1, "partition", keepZero: true)
        .IntOrString(2, "maxUnavailable");

    public static readonly ProtoMessage StatefulSetUpdateStrategy = new ProtoMessage("apps.v1.StatefulSetUpdateStrategy")
        .Str(1, "type")
        .Nested(2, "rollingUpdate", RollingUpdateStatefulSetStrategy);

    public static readonly ProtoMessage StatefulSetPersistentVolumeClaimRetentionPolicy = new ProtoMessage("apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy")
        .Str(1, "whenDeleted")
        .Str(2, "whenScaled");

    public static readonly ProtoMessage StatefulSetOrdinals = new ProtoMessage("apps.v1.StatefulSetOrdinals")
        .I32(1, "start");

    public static readonly ProtoMessage StatefulSetSpec = new ProtoMessage("apps.v1.StatefulSetSpec")
        .I32(1, "replicas", keepZero: true)
        .Nested(2, "selector", MetaSchemas.LabelSelector)
        .Nested(3, "template", PodSchemas.PodTemplateSpec)
        .NestedList(4, "volumeClaimTemplates", StorageSchemas.PersistentVolumeClaim)
        .Str(5, "serviceName")
        .Str(6, "podManagementPolicy")
        .Nested(7, "updateStrategy", StatefulSetUpdateStrategy)
        .I32(8, "revisionHistoryLimit", keepZero: true)
        .I32(9, "minReadySeconds")
        .Nested(10, "persistentVolumeClaimRetentionPolicy", StatefulSetPersistentVolumeClaimRetentionPolicy)
        .Nested(11, "ordinals", StatefulSetOrdinals);

    public static readonly ProtoMessage StatefulSetCondition = new ProtoMessage("apps.v1.StatefulSetCondition")
        .Str(1, "type", keepZero: true)
        .Str(2, "status", keepZero: true)
        .Time(3, "lastTransitionTime")
        .Str(4, "reason")
        .Str(5, "message");

    public static readonly ProtoMessage StatefulSetStatus = new ProtoMessage("apps.v1.StatefulSetStatus")
        .I64(1, "observedGeneration")
        .I32(2, "replicas", keepZero: true)
        .I32(3, "readyReplicas")
        .I32(4, "currentReplicas")
        .I32(5, "updatedReplicas")
        .Str(6, "currentRevision")
        .Str(7, "updateRevision")
        .I32(9, "collisionCount", keepZero: true)
        .NestedList(10, "conditions", StatefulSetCondition)
        .I32(11, "availableReplicas");

    public static readonly ProtoMessage StatefulSet = new ProtoMessage("apps.v1.StatefulSet")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", StatefulSetSpec)
        .Nested(3, "status", StatefulSetStatus);

    // DaemonSet

    public static readonly ProtoMessage RollingUpdateDaemonSet = new ProtoMessage("apps.v1.RollingUpdateDaemonSet")
        .IntOrString(1, "maxUnavailable")
        .IntOrString(2, "maxSurge");

    public static readonly ProtoMessage DaemonSetUpdateStrategy = new ProtoMessage("apps.v1.DaemonSetUpdateStrategy")
        .Str(1, "type")
        .Nested(2, "rollingUpdate", RollingUpdateDaemonSet);

    public static readonly ProtoMessage DaemonSetSpec = new ProtoMessage("apps.v1.DaemonSetSpec")
        .Nested(1, "selector", MetaSchemas.LabelSelector)
        .Nested(2, "template", PodSchemas.PodTemplateSpec)
        .Nested(3, "updateStrategy", DaemonSetUpdateStrategy)
        .I32(4, "minReadySeconds")
        .I32(6, "revisionHistoryLimit", keepZero: true);

    public static readonly ProtoMessage DaemonSetCondition = new ProtoMessage("apps.v1.DaemonSetCondition")
        .Str(1, "type", keepZero: true)
        .Str(2, "status", keepZero: true)
        .Time(3, "lastTransitionTime")
        .Str(4, "reason")
        .Str(5, "message");

    public static readonly ProtoMessage DaemonSetStatus = new ProtoMessage("apps.v1.DaemonSetStatus")
        .I32(1, "currentNumberScheduled", keepZero: true)
        .I32(2, "numberMisscheduled", keepZero: true)
        .I32(3, "desiredNumberScheduled", keepZero: true)
        .I32(4, "numberReady", keepZero: true)
        .I64(5, "observedGeneration")
        .I32(6, "updatedNumberScheduled")
        .I32(7, "numberAvailable")
        .I32(8, "numberUnavailable")
        .I32(9, "collisionCount", keepZero: true)
        .NestedList(10, "conditions", DaemonSetCondition);

    public static readonly ProtoMessage DaemonSet = new ProtoMessage("apps.v1.DaemonSet")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", DaemonSetSpec)
        .Nested(3, "status", DaemonSetStatus);
}
