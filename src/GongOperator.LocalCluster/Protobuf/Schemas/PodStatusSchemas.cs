namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>core/v1 Pod and its status messages (field numbers from core/v1 generated.proto).</summary>
internal static class PodStatusSchemas
{
    public static readonly ProtoMessage ContainerStateWaiting = new ProtoMessage("core.v1.ContainerStateWaiting")
        .Str(1, "reason")
        .Str(2, "message");

    public static readonly ProtoMessage ContainerStateRunning = new ProtoMessage("core.v1.ContainerStateRunning")
        .Time(1, "startedAt");

    public static readonly ProtoMessage ContainerStateTerminated = new ProtoMessage("core.v1.ContainerStateTerminated")
        .I32(1, "exitCode", keepZero: true)
        .I32(2, "signal")
        .Str(3, "reason")
        .Str(4, "message")
        .Time(5, "startedAt")
        .Time(6, "finishedAt")
        .Str(7, "containerID");

    public static readonly ProtoMessage ContainerState = new ProtoMessage("core.v1.ContainerState")
        .Nested(1, "waiting", ContainerStateWaiting)
        .Nested(2, "running", ContainerStateRunning)
        .Nested(3, "terminated", ContainerStateTerminated);

    public static readonly ProtoMessage ImageVolumeStatus = new ProtoMessage("core.v1.ImageVolumeStatus")
        .Str(1, "imageRef", keepZero: true);

    public static readonly ProtoMessage VolumeStatus = new ProtoMessage("core.v1.VolumeStatus")
        .Nested(1, "image", ImageVolumeStatus);

    public static readonly ProtoMessage VolumeMountStatus = new ProtoMessage("core.v1.VolumeMountStatus")
        .Str(1, "name", keepZero: true)
        .Str(2, "mountPath", keepZero: true)
        .Flag(3, "readOnly")
        .Str(4, "recursiveReadOnly", keepZero: true)
        .Nested(5, "volumeStatus", VolumeStatus);

    public static readonly ProtoMessage LinuxContainerUser = new ProtoMessage("core.v1.LinuxContainerUser")
        .I64(1, "uid", keepZero: true)
        .I64(2, "gid", keepZero: true)
        .I64List(3, "supplementalGroups");

    public static readonly ProtoMessage ContainerUser = new ProtoMessage("core.v1.ContainerUser")
        .Nested(1, "linux", LinuxContainerUser);

    public static readonly ProtoMessage ResourceHealth = new ProtoMessage("core.v1.ResourceHealth")
        .Str(1, "resourceID", keepZero: true)
        .Str(2, "health")
        .Str(6, "message", keepZero: true);

    public static readonly ProtoMessage ResourceStatus = new ProtoMessage("core.v1.ResourceStatus")
        .Str(1, "name", keepZero: true)
        .NestedList(2, "resources", ResourceHealth);

    public static readonly ProtoMessage ContainerStatus = new ProtoMessage("core.v1.ContainerStatus")
        .Str(1, "name", keepZero: true)
        .Nested(2, "state", ContainerState)
        .Nested(3, "lastState", ContainerState)
        .Flag(4, "ready", keepZero: true)
        .I32(5, "restartCount", keepZero: true)
        .Str(6, "image", keepZero: true)
        .Str(7, "imageID", keepZero: true)
        .Str(8, "containerID")
        .Flag(9, "started", keepZero: true)
        .QuantityMap(10, "allocatedResources")
        .Nested(11, "resources", PodSchemas.ResourceRequirements)
        .NestedList(12, "volumeMounts", VolumeMountStatus)
        .Nested(13, "user", ContainerUser)
        .NestedList(14, "allocatedResourcesStatus", ResourceStatus)
        .Str(15, "stopSignal", keepZero: true);

    public static readonly ProtoMessage PodCondition = new ProtoMessage("core.v1.PodCondition")
        .Str(1, "type", keepZero: true)
        .I64(7, "observedGeneration")
        .Str(2, "status", keepZero: true)
        .Time(3, "lastProbeTime")
        .Time(4, "lastTransitionTime")
        .Str(5, "reason")
        .Str(6, "message");

    public static readonly ProtoMessage HostIp = new ProtoMessage("core.v1.HostIP")
        .Str(1, "ip", keepZero: true);

    public static readonly ProtoMessage PodIp = new ProtoMessage("core.v1.PodIP")
        .Str(1, "ip", keepZero: true);

    public static readonly ProtoMessage PodResourceClaimStatus = new ProtoMessage("core.v1.PodResourceClaimStatus")
        .Str(1, "name", keepZero: true)
        .Str(2, "resourceClaimName", keepZero: true);

    public static readonly ProtoMessage ContainerExtendedResourceRequest = new ProtoMessage("core.v1.ContainerExtendedResourceRequest")
        .Str(1, "containerName", keepZero: true)
        .Str(2, "resourceName", keepZero: true)
        .Str(3, "requestName", keepZero: true);

    public static readonly ProtoMessage PodExtendedResourceClaimStatus = new ProtoMessage("core.v1.PodExtendedResourceClaimStatus")
        .NestedList(1, "requestMappings", ContainerExtendedResourceRequest)
        .Str(2, "resourceClaimName", keepZero: true);

    public static readonly ProtoMessage PodStatus = new ProtoMessage("core.v1.PodStatus")
        .I64(17, "observedGeneration")
        .Str(1, "phase")
        .NestedList(2, "conditions", PodCondition)
        .Str(3, "message")
        .Str(4, "reason")
        .Str(11, "nominatedNodeName")
        .Str(5, "hostIP")
        .NestedList(16, "hostIPs", HostIp)
        .Str(6, "podIP")
        .NestedList(12, "podIPs", PodIp)
        .Time(7, "startTime")
        .NestedList(10, "initContainerStatuses", ContainerStatus)
        .NestedList(8, "containerStatuses", ContainerStatus)
        .Str(9, "qosClass")
        .NestedList(13, "ephemeralContainerStatuses", ContainerStatus)
        .Str(14, "resize")
        .NestedList(15, "resourceClaimStatuses", PodResourceClaimStatus)
        .Nested(18, "extendedResourceClaimStatus", PodExtendedResourceClaimStatus)
        .QuantityMap(19, "allocatedResources")
        .Nested(20, "resources", PodSchemas.ResourceRequirements);

    public static readonly ProtoMessage Pod = new ProtoMessage("core.v1.Pod")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", PodSchemas.PodSpec)
        .Nested(3, "status", PodStatus);
}
