namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>
/// Message schemas of k8s.io/api/core/v1 other than the pod template (field numbers from its
/// generated.proto). keepZero marks Go pointer fields and fields without omitempty.
/// </summary>
internal static class CoreSchemas
{
    public static readonly ProtoMessage LocalObjectReference = new ProtoMessage("core.v1.LocalObjectReference")
        .Str(1, "name");

    public static readonly ProtoMessage ObjectReference = new ProtoMessage("core.v1.ObjectReference")
        .Str(1, "kind")
        .Str(2, "namespace")
        .Str(3, "name")
        .Str(4, "uid")
        .Str(5, "apiVersion")
        .Str(6, "resourceVersion")
        .Str(7, "fieldPath");

    public static readonly ProtoMessage TypedLocalObjectReference = new ProtoMessage("core.v1.TypedLocalObjectReference")
        .Str(1, "apiGroup", keepZero: true)
        .Str(2, "kind", keepZero: true)
        .Str(3, "name", keepZero: true);

    public static readonly ProtoMessage TypedObjectReference = new ProtoMessage("core.v1.TypedObjectReference")
        .Str(1, "apiGroup", keepZero: true)
        .Str(2, "kind", keepZero: true)
        .Str(3, "name", keepZero: true)
        .Str(4, "namespace", keepZero: true);

    public static readonly ProtoMessage SecretReference = new ProtoMessage("core.v1.SecretReference")
        .Str(1, "name")
        .Str(2, "namespace");

    // Namespace

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

    // Secret, ConfigMap, ServiceAccount

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

    public static readonly ProtoMessage ServiceAccount = new ProtoMessage("core.v1.ServiceAccount")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .NestedList(2, "secrets", ObjectReference)
        .NestedList(3, "imagePullSecrets", LocalObjectReference)
        .Flag(4, "automountServiceAccountToken", keepZero: true);

    // Service

    public static readonly ProtoMessage ServicePort = new ProtoMessage("core.v1.ServicePort")
        .Str(1, "name")
        .Str(2, "protocol")
        .Str(6, "appProtocol", keepZero: true)
        .I32(3, "port", keepZero: true)
        .IntOrString(4, "targetPort")
        .I32(5, "nodePort");

    public static readonly ProtoMessage ClientIPConfig = new ProtoMessage("core.v1.ClientIPConfig")
        .I32(1, "timeoutSeconds", keepZero: true);

    public static readonly ProtoMessage SessionAffinityConfig = new ProtoMessage("core.v1.SessionAffinityConfig")
        .Nested(1, "clientIP", ClientIPConfig);

    public static readonly ProtoMessage ServiceSpec = new ProtoMessage("core.v1.ServiceSpec")
        .NestedList(1, "ports", ServicePort)
        .StrMap(2, "selector")
        .Str(3, "clusterIP")
        .StrList(18, "clusterIPs")
        .Str(4, "type")
        .StrList(5, "externalIPs")
        .Str(7, "sessionAffinity")
        .Str(8, "loadBalancerIP")
        .StrList(9, "loadBalancerSourceRanges")
        .Str(10, "externalName")
        .Str(11, "externalTrafficPolicy")
        .I32(12, "healthCheckNodePort")
        .Flag(13, "publishNotReadyAddresses")
        .Nested(14, "sessionAffinityConfig", SessionAffinityConfig)
        .StrList(19, "ipFamilies")
        .Str(17, "ipFamilyPolicy", keepZero: true)
        .Flag(20, "allocateLoadBalancerNodePorts", keepZero: true)
        .Str(21, "loadBalancerClass", keepZero: true)
        .Str(22, "internalTrafficPolicy", keepZero: true)
        .Str(23, "trafficDistribution", keepZero: true);

    public static readonly ProtoMessage PortStatus = new ProtoMessage("core.v1.PortStatus")
        .I32(1, "port", keepZero: true)
        .Str(2, "protocol", keepZero: true)
        .Str(3, "error", keepZero: true);

    public static readonly ProtoMessage LoadBalancerIngress = new ProtoMessage("core.v1.LoadBalancerIngress")
        .Str(1, "ip")
        .Str(2, "hostname")
        .Str(3, "ipMode", keepZero: true)
        .NestedList(4, "ports", PortStatus);

    public static readonly ProtoMessage LoadBalancerStatus = new ProtoMessage("core.v1.LoadBalancerStatus")
        .NestedList(1, "ingress", LoadBalancerIngress);

    public static readonly ProtoMessage ServiceStatus = new ProtoMessage("core.v1.ServiceStatus")
        .Nested(1, "loadBalancer", LoadBalancerStatus)
        .NestedList(2, "conditions", MetaSchemas.Condition);

    public static readonly ProtoMessage Service = new ProtoMessage("core.v1.Service")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", ServiceSpec)
        .Nested(3, "status", ServiceStatus);

    // Event (core/v1)

    public static readonly ProtoMessage EventSource = new ProtoMessage("core.v1.EventSource")
        .Str(1, "component")
        .Str(2, "host");

    public static readonly ProtoMessage EventSeries = new ProtoMessage("core.v1.EventSeries")
        .I32(1, "count")
        .MicroTime(2, "lastObservedTime");

    public static readonly ProtoMessage Event = new ProtoMessage("core.v1.Event")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "involvedObject", ObjectReference)
        .Str(3, "reason")
        .Str(4, "message")
        .Nested(5, "source", EventSource)
        .Time(6, "firstTimestamp")
        .Time(7, "lastTimestamp")
        .I32(8, "count")
        .Str(9, "type")
        .MicroTime(10, "eventTime")
        .Nested(11, "series", EventSeries)
        .Str(12, "action")
        .Nested(13, "related", ObjectReference)
        .Str(14, "reportingComponent", keepZero: true)
        .Str(15, "reportingInstance", keepZero: true);

    // ResourceQuota

    public static readonly ProtoMessage ScopedResourceSelectorRequirement = new ProtoMessage("core.v1.ScopedResourceSelectorRequirement")
        .Str(1, "scopeName", keepZero: true)
        .Str(2, "operator", keepZero: true)
        .StrList(3, "values");

    public static readonly ProtoMessage ScopeSelector = new ProtoMessage("core.v1.ScopeSelector")
        .NestedList(1, "matchExpressions", ScopedResourceSelectorRequirement);

    public static readonly ProtoMessage ResourceQuotaSpec = new ProtoMessage("core.v1.ResourceQuotaSpec")
        .QuantityMap(1, "hard")
        .StrList(2, "scopes")
        .Nested(3, "scopeSelector", ScopeSelector);

    public static readonly ProtoMessage ResourceQuotaStatus = new ProtoMessage("core.v1.ResourceQuotaStatus")
        .QuantityMap(1, "hard")
        .QuantityMap(2, "used");

    public static readonly ProtoMessage ResourceQuota = new ProtoMessage("core.v1.ResourceQuota")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", ResourceQuotaSpec)
        .Nested(3, "status", ResourceQuotaStatus);
}
