namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>
/// Message schemas of the core/v1 pod template (PodTemplateSpec and everything under it), field
/// numbers from core/v1 generated.proto. Leaves come first: static fields initialise in order.
/// keepZero marks Go pointer fields and fields without omitempty.
/// </summary>
internal static class PodSchemas
{
    private static ProtoMessage LocalRef => CoreSchemas.LocalObjectReference;

    // Selectors and references used by env, volumes and probes.

    public static readonly ProtoMessage ObjectFieldSelector = new ProtoMessage("core.v1.ObjectFieldSelector")
        .Str(1, "apiVersion")
        .Str(2, "fieldPath", keepZero: true);

    public static readonly ProtoMessage ResourceFieldSelector = new ProtoMessage("core.v1.ResourceFieldSelector")
        .Str(1, "containerName")
        .Str(2, "resource", keepZero: true)
        .Quantity(3, "divisor");

    public static readonly ProtoMessage ConfigMapKeySelector = new ProtoMessage("core.v1.ConfigMapKeySelector")
        .Inline(1, "LocalObjectReference", LocalRef)
        .Str(2, "key", keepZero: true)
        .Flag(3, "optional", keepZero: true);

    public static readonly ProtoMessage SecretKeySelector = new ProtoMessage("core.v1.SecretKeySelector")
        .Inline(1, "LocalObjectReference", LocalRef)
        .Str(2, "key", keepZero: true)
        .Flag(3, "optional", keepZero: true);

    public static readonly ProtoMessage FileKeySelector = new ProtoMessage("core.v1.FileKeySelector")
        .Str(1, "volumeName", keepZero: true)
        .Str(2, "path", keepZero: true)
        .Str(3, "key", keepZero: true)
        .Flag(4, "optional", keepZero: true);

    public static readonly ProtoMessage EnvVarSource = new ProtoMessage("core.v1.EnvVarSource")
        .Nested(1, "fieldRef", ObjectFieldSelector)
        .Nested(2, "resourceFieldRef", ResourceFieldSelector)
        .Nested(3, "configMapKeyRef", ConfigMapKeySelector)
        .Nested(4, "secretKeyRef", SecretKeySelector)
        .Nested(5, "fileKeyRef", FileKeySelector);

    public static readonly ProtoMessage EnvVar = new ProtoMessage("core.v1.EnvVar")
        .Str(1, "name", keepZero: true)
        .Str(2, "value")
        .Nested(3, "valueFrom", EnvVarSource);

    public static readonly ProtoMessage ConfigMapEnvSource = new ProtoMessage("core.v1.ConfigMapEnvSource")
        .Inline(1, "LocalObjectReference", LocalRef)
        .Flag(2, "optional", keepZero: true);

    public static readonly ProtoMessage SecretEnvSource = new ProtoMessage("core.v1.SecretEnvSource")
        .Inline(1, "LocalObjectReference", LocalRef)
        .Flag(2, "optional", keepZero: true);

    public static readonly ProtoMessage EnvFromSource = new ProtoMessage("core.v1.EnvFromSource")
        .Str(1, "prefix")
        .Nested(2, "configMapRef", ConfigMapEnvSource)
        .Nested(3, "secretRef", SecretEnvSource);

    // Container parts.

    public static readonly ProtoMessage ContainerPort = new ProtoMessage("core.v1.ContainerPort")
        .Str(1, "name")
        .I32(2, "hostPort")
        .I32(3, "containerPort", keepZero: true)
        .Str(4, "protocol")
        .Str(5, "hostIP");

    public static readonly ProtoMessage ResourceClaim = new ProtoMessage("core.v1.ResourceClaim")
        .Str(1, "name", keepZero: true)
        .Str(2, "request");

    public static readonly ProtoMessage ResourceRequirements = new ProtoMessage("core.v1.ResourceRequirements")
        .QuantityMap(1, "limits")
        .QuantityMap(2, "requests")
        .NestedList(3, "claims", ResourceClaim);

    public static readonly ProtoMessage ContainerResizePolicy = new ProtoMessage("core.v1.ContainerResizePolicy")
        .Str(1, "resourceName", keepZero: true)
        .Str(2, "restartPolicy", keepZero: true);

    public static readonly ProtoMessage ContainerRestartRuleOnExitCodes = new ProtoMessage("core.v1.ContainerRestartRuleOnExitCodes")
        .Str(1, "operator", keepZero: true)
        .I32List(2, "values");

    public static readonly ProtoMessage ContainerRestartRule = new ProtoMessage("core.v1.ContainerRestartRule")
        .Str(1, "action", keepZero: true)
        .Nested(2, "exitCodes", ContainerRestartRuleOnExitCodes);

    public static readonly ProtoMessage VolumeMount = new ProtoMessage("core.v1.VolumeMount")
        .Str(1, "name", keepZero: true)
        .Flag(2, "readOnly")
        .Str(7, "recursiveReadOnly", keepZero: true)
        .Str(3, "mountPath", keepZero: true)
        .Str(4, "subPath")
        .Str(5, "mountPropagation", keepZero: true)
        .Str(6, "subPathExpr");

    public static readonly ProtoMessage VolumeDevice = new ProtoMessage("core.v1.VolumeDevice")
        .Str(1, "name", keepZero: true)
        .Str(2, "devicePath", keepZero: true);

    public static readonly ProtoMessage ExecAction = new ProtoMessage("core.v1.ExecAction")
        .StrList(1, "command");

    public static readonly ProtoMessage HttpHeader = new ProtoMessage("core.v1.HTTPHeader")
        .Str(1, "name", keepZero: true)
        .Str(2, "value", keepZero: true);

    public static readonly ProtoMessage HttpGetAction = new ProtoMessage("core.v1.HTTPGetAction")
        .Str(1, "path")
        .IntOrString(2, "port")
        .Str(3, "host")
        .Str(4, "scheme")
        .NestedList(5, "httpHeaders", HttpHeader);

    public static readonly ProtoMessage TcpSocketAction = new ProtoMessage("core.v1.TCPSocketAction")
        .IntOrString(1, "port")
        .Str(2, "host");

    public static readonly ProtoMessage GrpcAction = new ProtoMessage("core.v1.GRPCAction")
        .I32(1, "port", keepZero: true)
        .Str(2, "service", keepZero: true);

    public static readonly ProtoMessage SleepAction = new ProtoMessage("core.v1.SleepAction")
        .I64(1, "seconds", keepZero: true);

    public static readonly ProtoMessage ProbeHandler = new ProtoMessage("core.v1.ProbeHandler")
        .Nested(1, "exec", ExecAction)
        .Nested(2, "httpGet", HttpGetAction)
        .Nested(3, "tcpSocket", TcpSocketAction)
        .Nested(4, "grpc", GrpcAction);

    public static readonly ProtoMessage Probe = new ProtoMessage("core.v1.Probe")
        .Inline(1, "ProbeHandler", ProbeHandler)
        .I32(2, "initialDelaySeconds")
        .I32(3, "timeoutSeconds")
        .I32(4, "periodSeconds")
        .I32(5, "successThreshold")
        .I32(6, "failureThreshold")
        .I64(7, "terminationGracePeriodSeconds", keepZero: true);

    public static readonly ProtoMessage LifecycleHandler = new ProtoMessage("core.v1.LifecycleHandler")
        .Nested(1, "exec", ExecAction)
        .Nested(2, "httpGet", HttpGetAction)
        .Nested(3, "tcpSocket", TcpSocketAction)
        .Nested(4, "sleep", SleepAction);

    public static readonly ProtoMessage Lifecycle = new ProtoMessage("core.v1.Lifecycle")
        .Nested(1, "postStart", LifecycleHandler)
        .Nested(2, "preStop", LifecycleHandler)
        .Str(3, "stopSignal", keepZero: true);

    public static readonly ProtoMessage Capabilities = new ProtoMessage("core.v1.Capabilities")
        .StrList(1, "add")
        .StrList(2, "drop");

    public static readonly ProtoMessage SeLinuxOptions = new ProtoMessage("core.v1.SELinuxOptions")
        .Str(1, "user")
        .Str(2, "role")
        .Str(3, "type")
        .Str(4, "level");

    public static readonly ProtoMessage WindowsSecurityContextOptions = new ProtoMessage("core.v1.WindowsSecurityContextOptions")
        .Str(1, "gmsaCredentialSpecName", keepZero: true)
        .Str(2, "gmsaCredentialSpec", keepZero: true)
        .Str(3, "runAsUserName", keepZero: true)
        .Flag(4, "hostProcess", keepZero: true);

    public static readonly ProtoMessage SeccompProfile = new ProtoMessage("core.v1.SeccompProfile")
        .Str(1, "type", keepZero: true)
        .Str(2, "localhostProfile", keepZero: true);

    public static readonly ProtoMessage AppArmorProfile = new ProtoMessage("core.v1.AppArmorProfile")
        .Str(1, "type", keepZero: true)
        .Str(2, "localhostProfile", keepZero: true);

    public static readonly ProtoMessage Ulimit = new ProtoMessage("core.v1.Ulimit")
        .Str(1, "name", keepZero: true)
        .I64(2, "hard", keepZero: true)
        .I64(3, "soft", keepZero: true);

    public static readonly ProtoMessage SecurityContext = new ProtoMessage("core.v1.SecurityContext")
        .Nested(1, "capabilities", Capabilities)
        .Flag(2, "privileged", keepZero: true)
        .Nested(3, "seLinuxOptions", SeLinuxOptions)
        .Nested(10, "windowsOptions", WindowsSecurityContextOptions)
        .I64(4, "runAsUser", keepZero: true)
        .I64(8, "runAsGroup", keepZero: true)
        .Flag(5, "runAsNonRoot", keepZero: true)
        .Flag(6, "readOnlyRootFilesystem", keepZero: true)
        .Flag(7, "allowPrivilegeEscalation", keepZero: true)
        .Str(9, "procMount", keepZero: true)
        .Nested(11, "seccompProfile", SeccompProfile)
        .Nested(12, "appArmorProfile", AppArmorProfile)
        .NestedList(13, "ulimits", Ulimit);

    public static readonly ProtoMessage Container = new ProtoMessage("core.v1.Container")
        .Str(1, "name", keepZero: true)
        .Str(2, "image")
        .StrList(3, "command")
        .StrList(4, "args")
        .Str(5, "workingDir")
        .NestedList(6, "ports", ContainerPort)
        .NestedList(19, "envFrom", EnvFromSource)
        .NestedList(7, "env", EnvVar)
        .Nested(8, "resources", ResourceRequirements)
        .NestedList(23, "resizePolicy", ContainerResizePolicy)
        .Str(24, "restartPolicy", keepZero: true)
        .NestedList(25, "restartPolicyRules", ContainerRestartRule)
        .NestedList(9, "volumeMounts", VolumeMount)
        .NestedList(21, "volumeDevices", VolumeDevice)
        .Nested(10, "livenessProbe", Probe)
        .Nested(11, "readinessProbe", Probe)
        .Nested(22, "startupProbe", Probe)
        .Nested(12, "lifecycle", Lifecycle)
        .Str(13, "terminationMessagePath")
        .Str(20, "terminationMessagePolicy")
        .Str(14, "imagePullPolicy")
        .Nested(15, "securityContext", SecurityContext)
        .Flag(16, "stdin")
        .Flag(17, "stdinOnce")
        .Flag(18, "tty");

    // EphemeralContainerCommon has exactly Container's field numbers, and is inlined.
    public static readonly ProtoMessage EphemeralContainer = new ProtoMessage("core.v1.EphemeralContainer")
        .Inline(1, "EphemeralContainerCommon", Container)
        .Str(2, "targetContainerName");

    // Volumes.

    public static readonly ProtoMessage KeyToPath = new ProtoMessage("core.v1.KeyToPath")
        .Str(1, "key", keepZero: true)
        .Str(2, "path", keepZero: true)
        .I32(3, "mode", keepZero: true);

    public static readonly ProtoMessage HostPathVolumeSource = new ProtoMessage("core.v1.HostPathVolumeSource")
        .Str(1, "path", keepZero: true)
        .Str(2, "type", keepZero: true);

    public static readonly ProtoMessage EmptyDirVolumeSource = new ProtoMessage("core.v1.EmptyDirVolumeSource")
        .Str(1, "medium")
        .Quantity(2, "sizeLimit");

    public static readonly ProtoMessage SecretVolumeSource = new ProtoMessage("core.v1.SecretVolumeSource")
        .Str(1, "secretName")
        .NestedList(2, "items", KeyToPath)
        .I32(3, "defaultMode", keepZero: true)
        .Flag(4, "optional", keepZero: true);

    public static readonly ProtoMessage ConfigMapVolumeSource = new ProtoMessage("core.v1.ConfigMapVolumeSource")
        .Inline(1, "LocalObjectReference", LocalRef)
        .NestedList(2, "items", KeyToPath)
        .I32(3, "defaultMode", keepZero: true)
        .Flag(4, "optional", keepZero: true);

    public static readonly ProtoMessage NfsVolumeSource = new ProtoMessage("core.v1.NFSVolumeSource")
        .Str(1, "server", keepZero: true)
        .Str(2, "path", keepZero: true)
        .Flag(3, "readOnly");

    public static readonly ProtoMessage PersistentVolumeClaimVolumeSource = new ProtoMessage("core.v1.PersistentVolumeClaimVolumeSource")
        .Str(1, "claimName", keepZero: true)
        .Flag(2, "readOnly");

    public static readonly ProtoMessage DownwardApiVolumeFile = new ProtoMessage("core.v1.DownwardAPIVolumeFile")
        .Str(1, "path", keepZero: true)
        .Nested(2, "fieldRef", ObjectFieldSelector)
        .Nested(3, "resourceFieldRef", ResourceFieldSelector)
        .I32(4, "mode", keepZero: true);

    public static readonly ProtoMessage DownwardApiVolumeSource = new ProtoMessage("core.v1.DownwardAPIVolumeSource")
        .NestedList(1, "items", DownwardApiVolumeFile)
        .I32(2, "defaultMode", keepZero: true);

    public static readonly ProtoMessage SecretProjection = new ProtoMessage("core.v1.SecretProjection")
        .Inline(1, "LocalObjectReference", LocalRef)
        .NestedList(2, "items", KeyToPath)
        .Flag(4, "optional", keepZero: true);

    public static readonly ProtoMessage ConfigMapProjection = new ProtoMessage("core.v1.ConfigMapProjection")
        .Inline(1, "LocalObjectReference", LocalRef)
        .NestedList(2, "items", KeyToPath)
        .Flag(4, "optional", keepZero: true);

    public static readonly ProtoMessage DownwardApiProjection = new ProtoMessage("core.v1.DownwardAPIProjection")
        .NestedList(1, "items", DownwardApiVolumeFile);

    public static readonly ProtoMessage ServiceAccountTokenProjection = new ProtoMessage("core.v1.ServiceAccountTokenProjection")
        .Str(1, "audience")
        .I64(2, "expirationSeconds", keepZero: true)
        .Str(3, "path", keepZero: true);

    public static readonly ProtoMessage ClusterTrustBundleProjection = new ProtoMessage("core.v1.ClusterTrustBundleProjection")
        .Str(1, "name", keepZero: true)
        .Str(2, "signerName", keepZero: true)
        .Nested(3, "labelSelector", MetaSchemas.LabelSelector)
        .Flag(5, "optional", keepZero: true)
        .Str(4, "path", keepZero: true);

    public static readonly ProtoMessage PodCertificateProjection = new ProtoMessage("core.v1.PodCertificateProjection")
        .Str(1, "signerName")
        .Str(2, "keyType")
        .I32(3, "maxExpirationSeconds", keepZero: true)
        .Str(4, "credentialBundlePath")
        .Str(5, "keyPath")
        .Str(6, "certificateChainPath")
        .StrMap(7, "userAnnotations");

    public static readonly ProtoMessage VolumeProjection = new ProtoMessage("core.v1.VolumeProjection")
        .Nested(1, "secret", SecretProjection)
        .Nested(2, "downwardAPI", DownwardApiProjection)
        .Nested(3, "configMap", ConfigMapProjection)
        .Nested(4, "serviceAccountToken", ServiceAccountTokenProjection)
        .Nested(5, "clusterTrustBundle", ClusterTrustBundleProjection)
        .Nested(6, "podCertificate", PodCertificateProjection);

    public static readonly ProtoMessage ProjectedVolumeSource = new ProtoMessage("core.v1.ProjectedVolumeSource")
        .NestedList(1, "sources", VolumeProjection)
        .I32(2, "defaultMode", keepZero: true);

    public static readonly ProtoMessage CsiVolumeSource = new ProtoMessage("core.v1.CSIVolumeSource")
        .Str(1, "driver", keepZero: true)
        .Flag(2, "readOnly", keepZero: true)
        .Str(3, "fsType", keepZero: true)
        .StrMap(4, "volumeAttributes")
        .Nested(5, "nodePublishSecretRef", LocalRef);

    public static readonly ProtoMessage VolumeResourceRequirements = new ProtoMessage("core.v1.VolumeResourceRequirements")
        .QuantityMap(1, "limits")
        .QuantityMap(2, "requests");

    public static readonly ProtoMessage PersistentVolumeClaimSpec = new ProtoMessage("core.v1.PersistentVolumeClaimSpec")
        .StrList(1, "accessModes")
        .Nested(4, "selector", MetaSchemas.LabelSelector)
        .Nested(2, "resources", VolumeResourceRequirements)
        .Str(3, "volumeName")
        .Str(5, "storageClassName", keepZero: true)
        .Str(6, "volumeMode", keepZero: true)
        .Nested(7, "dataSource", CoreSchemas.TypedLocalObjectReference)
        .Nested(8, "dataSourceRef", CoreSchemas.TypedObjectReference)
        .Str(9, "volumeAttributesClassName", keepZero: true);

    public static readonly ProtoMessage PersistentVolumeClaimTemplate = new ProtoMessage("core.v1.PersistentVolumeClaimTemplate")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", PersistentVolumeClaimSpec);

    public static readonly ProtoMessage EphemeralVolumeSource = new ProtoMessage("core.v1.EphemeralVolumeSource")
        .Nested(1, "volumeClaimTemplate", PersistentVolumeClaimTemplate);

    public static readonly ProtoMessage ImageVolumeSource = new ProtoMessage("core.v1.ImageVolumeSource")
        .Str(1, "reference")
        .Str(2, "pullPolicy");

    public static readonly ProtoMessage VolumeSource = new ProtoMessage("core.v1.VolumeSource")
        .Nested(1, "hostPath", HostPathVolumeSource)
        .Nested(2, "emptyDir", EmptyDirVolumeSource)
        .Nested(3, "gcePersistentDisk", LegacyVolumeSchemas.GcePersistentDisk)
        .Nested(4, "awsElasticBlockStore", LegacyVolumeSchemas.AwsElasticBlockStore)
        .Nested(5, "gitRepo", LegacyVolumeSchemas.GitRepo)
        .Nested(6, "secret", SecretVolumeSource)
        .Nested(7, "nfs", NfsVolumeSource)
        .Nested(8, "iscsi", LegacyVolumeSchemas.Iscsi)
        .Nested(9, "glusterfs", LegacyVolumeSchemas.Glusterfs)
        .Nested(10, "persistentVolumeClaim", PersistentVolumeClaimVolumeSource)
        .Nested(11, "rbd", LegacyVolumeSchemas.Rbd)
        .Nested(12, "flexVolume", LegacyVolumeSchemas.FlexVolume)
        .Nested(13, "cinder", LegacyVolumeSchemas.Cinder)
        .Nested(14, "cephfs", LegacyVolumeSchemas.CephFs)
        .Nested(15, "flocker", LegacyVolumeSchemas.Flocker)
        .Nested(16, "downwardAPI", DownwardApiVolumeSource)
        .Nested(17, "fc", LegacyVolumeSchemas.FibreChannel)
        .Nested(18, "azureFile", LegacyVolumeSchemas.AzureFile)
        .Nested(19, "configMap", ConfigMapVolumeSource)
        .Nested(20, "vsphereVolume", LegacyVolumeSchemas.VsphereVirtualDisk)
        .Nested(21, "quobyte", LegacyVolumeSchemas.Quobyte)
        .Nested(22, "azureDisk", LegacyVolumeSchemas.AzureDisk)
        .Nested(23, "photonPersistentDisk", LegacyVolumeSchemas.PhotonPersistentDisk)
        .Nested(26, "projected", ProjectedVolumeSource)
        .Nested(24, "portworxVolume", LegacyVolumeSchemas.Portworx)
        .Nested(25, "scaleIO", LegacyVolumeSchemas.ScaleIo)
        .Nested(27, "storageos", LegacyVolumeSchemas.StorageOs)
        .Nested(28, "csi", CsiVolumeSource)
        .Nested(29, "ephemeral", EphemeralVolumeSource)
        .Nested(30, "image", ImageVolumeSource);

    public static readonly ProtoMessage Volume = new ProtoMessage("core.v1.Volume")
        .Str(1, "name", keepZero: true)
        .Inline(2, "VolumeSource", VolumeSource);

    // Scheduling.

    public static readonly ProtoMessage NodeSelectorRequirement = new ProtoMessage("core.v1.NodeSelectorRequirement")
        .Str(1, "key", keepZero: true)
        .Str(2, "operator", keepZero: true)
        .StrList(3, "values");

    public static readonly ProtoMessage NodeSelectorTerm = new ProtoMessage("core.v1.NodeSelectorTerm")
        .NestedList(1, "matchExpressions", NodeSelectorRequirement)
        .NestedList(2, "matchFields", NodeSelectorRequirement);

    public static readonly ProtoMessage NodeSelector = new ProtoMessage("core.v1.NodeSelector")
        .NestedList(1, "nodeSelectorTerms", NodeSelectorTerm);

    public static readonly ProtoMessage PreferredSchedulingTerm = new ProtoMessage("core.v1.PreferredSchedulingTerm")
        .I32(1, "weight", keepZero: true)
        .Nested(2, "preference", NodeSelectorTerm);

    public static readonly ProtoMessage NodeAffinity = new ProtoMessage("core.v1.NodeAffinity")
        .Nested(1, "requiredDuringSchedulingIgnoredDuringExecution", NodeSelector)
        .NestedList(2, "preferredDuringSchedulingIgnoredDuringExecution", PreferredSchedulingTerm);

    public static readonly ProtoMessage PodAffinityTerm = new ProtoMessage("core.v1.PodAffinityTerm")
        .Nested(1, "labelSelector", MetaSchemas.LabelSelector)
        .StrList(2, "namespaces")
        .Str(3, "topologyKey", keepZero: true)
        .Nested(4, "namespaceSelector", MetaSchemas.LabelSelector)
        .StrList(5, "matchLabelKeys")
        .StrList(6, "mismatchLabelKeys");

    public static readonly ProtoMessage WeightedPodAffinityTerm = new ProtoMessage("core.v1.WeightedPodAffinityTerm")
        .I32(1, "weight", keepZero: true)
        .Nested(2, "podAffinityTerm", PodAffinityTerm);

    public static readonly ProtoMessage PodAffinity = new ProtoMessage("core.v1.PodAffinity")
        .NestedList(1, "requiredDuringSchedulingIgnoredDuringExecution", PodAffinityTerm)
        .NestedList(2, "preferredDuringSchedulingIgnoredDuringExecution", WeightedPodAffinityTerm);

    public static readonly ProtoMessage PodAntiAffinity = new ProtoMessage("core.v1.PodAntiAffinity")
        .NestedList(1, "requiredDuringSchedulingIgnoredDuringExecution", PodAffinityTerm)
        .NestedList(2, "preferredDuringSchedulingIgnoredDuringExecution", WeightedPodAffinityTerm);

    public static readonly ProtoMessage Affinity = new ProtoMessage("core.v1.Affinity")
        .Nested(1, "nodeAffinity", NodeAffinity)
        .Nested(2, "podAffinity", PodAffinity)
        .Nested(3, "podAntiAffinity", PodAntiAffinity);

    public static readonly ProtoMessage Toleration = new ProtoMessage("core.v1.Toleration")
        .Str(1, "key")
        .Str(2, "operator")
        .Str(3, "value")
        .Str(4, "effect")
        .I64(5, "tolerationSeconds", keepZero: true);

    public static readonly ProtoMessage TopologySpreadConstraint = new ProtoMessage("core.v1.TopologySpreadConstraint")
        .I32(1, "maxSkew", keepZero: true)
        .Str(2, "topologyKey", keepZero: true)
        .Str(3, "whenUnsatisfiable", keepZero: true)
        .Nested(4, "labelSelector", MetaSchemas.LabelSelector)
        .I32(5, "minDomains", keepZero: true)
        .Str(6, "nodeAffinityPolicy", keepZero: true)
        .Str(7, "nodeTaintsPolicy", keepZero: true)
        .StrList(8, "matchLabelKeys");

    // Pod-level settings.

    public static readonly ProtoMessage Sysctl = new ProtoMessage("core.v1.Sysctl")
        .Str(1, "name", keepZero: true)
        .Str(2, "value", keepZero: true);

    public static readonly ProtoMessage PodSecurityContext = new ProtoMessage("core.v1.PodSecurityContext")
        .Nested(1, "seLinuxOptions", SeLinuxOptions)
        .Nested(8, "windowsOptions", WindowsSecurityContextOptions)
        .I64(2, "runAsUser", keepZero: true)
        .I64(6, "runAsGroup", keepZero: true)
        .Flag(3, "runAsNonRoot", keepZero: true)
        .I64List(4, "supplementalGroups")
        .Str(12, "supplementalGroupsPolicy", keepZero: true)
        .I64(5, "fsGroup", keepZero: true)
        .NestedList(7, "sysctls", Sysctl)
        .Str(9, "fsGroupChangePolicy", keepZero: true)
        .Nested(10, "seccompProfile", SeccompProfile)
        .Nested(11, "appArmorProfile", AppArmorProfile)
        .Str(13, "seLinuxChangePolicy", keepZero: true);

    public static readonly ProtoMessage HostAlias = new ProtoMessage("core.v1.HostAlias")
        .Str(1, "ip", keepZero: true)
        .StrList(2, "hostnames");

    public static readonly ProtoMessage PodDnsConfigOption = new ProtoMessage("core.v1.PodDNSConfigOption")
        .Str(1, "name")
        .Str(2, "value", keepZero: true);

    public static readonly ProtoMessage PodDnsConfig = new ProtoMessage("core.v1.PodDNSConfig")
        .StrList(1, "nameservers")
        .StrList(2, "searches")
        .NestedList(3, "options", PodDnsConfigOption);

    public static readonly ProtoMessage PodReadinessGate = new ProtoMessage("core.v1.PodReadinessGate")
        .Str(1, "conditionType", keepZero: true);

    public static readonly ProtoMessage PodOs = new ProtoMessage("core.v1.PodOS")
        .Str(1, "name", keepZero: true);

    public static readonly ProtoMessage PodSchedulingGate = new ProtoMessage("core.v1.PodSchedulingGate")
        .Str(1, "name", keepZero: true);

    public static readonly ProtoMessage PodResourceClaim = new ProtoMessage("core.v1.PodResourceClaim")
        .Str(1, "name", keepZero: true)
        .Str(3, "resourceClaimName", keepZero: true)
        .Str(4, "resourceClaimTemplateName", keepZero: true);

    public static readonly ProtoMessage WorkloadReference = new ProtoMessage("core.v1.WorkloadReference")
        .Str(1, "name", keepZero: true)
        .Str(2, "podGroup", keepZero: true)
        .Str(3, "podGroupReplicaKey");

    public static readonly ProtoMessage PodSpec = new ProtoMessage("core.v1.PodSpec")
        .NestedList(1, "volumes", Volume)
        .NestedList(20, "initContainers", Container)
        .NestedList(2, "containers", Container)
        .NestedList(34, "ephemeralContainers", EphemeralContainer)
        .Str(3, "restartPolicy")
        .I64(4, "terminationGracePeriodSeconds", keepZero: true)
        .I64(5, "activeDeadlineSeconds", keepZero: true)
        .Str(6, "dnsPolicy")
        .StrMap(7, "nodeSelector")
        .Str(8, "serviceAccountName")
        .Str(9, "serviceAccount")
        .Flag(21, "automountServiceAccountToken", keepZero: true)
        .Str(10, "nodeName")
        .Flag(11, "hostNetwork")
        .Flag(12, "hostPID")
        .Flag(13, "hostIPC")
        .Flag(27, "shareProcessNamespace", keepZero: true)
        .Nested(14, "securityContext", PodSecurityContext)
        .NestedList(15, "imagePullSecrets", LocalRef)
        .Str(16, "hostname")
        .Str(17, "subdomain")
        .Nested(18, "affinity", Affinity)
        .Str(19, "schedulerName")
        .NestedList(22, "tolerations", Toleration)
        .NestedList(23, "hostAliases", HostAlias)
        .Str(24, "priorityClassName")
        .I32(25, "priority", keepZero: true)
        .Nested(26, "dnsConfig", PodDnsConfig)
        .NestedList(28, "readinessGates", PodReadinessGate)
        .Str(29, "runtimeClassName", keepZero: true)
        .Flag(30, "enableServiceLinks", keepZero: true)
        .Str(31, "preemptionPolicy", keepZero: true)
        .QuantityMap(32, "overhead")
        .NestedList(33, "topologySpreadConstraints", TopologySpreadConstraint)
        .Flag(35, "setHostnameAsFQDN", keepZero: true)
        .Nested(36, "os", PodOs)
        .Flag(37, "hostUsers", keepZero: true)
        .NestedList(38, "schedulingGates", PodSchedulingGate)
        .NestedList(39, "resourceClaims", PodResourceClaim)
        .Nested(40, "resources", ResourceRequirements)
        .Str(41, "hostnameOverride", keepZero: true)
        .Nested(42, "workloadRef", WorkloadReference);

    public static readonly ProtoMessage PodTemplateSpec = new ProtoMessage("core.v1.PodTemplateSpec")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", PodSpec);
}
