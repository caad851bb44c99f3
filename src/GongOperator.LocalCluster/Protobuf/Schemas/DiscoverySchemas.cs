namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>
/// core/v1 Endpoints and LimitRange, and discovery.k8s.io/v1 EndpointSlice (field numbers from their generated.proto):
/// the service-discovery and namespace-policy kinds tenant charts hold.
/// </summary>
internal static class DiscoverySchemas
{
    public static readonly ProtoMessage EndpointAddress = new ProtoMessage("core.v1.EndpointAddress")
        .Str(1, "ip", keepZero: true)
        .Nested(2, "targetRef", CoreSchemas.ObjectReference)
        .Str(3, "hostname")
        .Str(4, "nodeName", keepZero: true);

    public static readonly ProtoMessage CoreEndpointPort = new ProtoMessage("core.v1.EndpointPort")
        .Str(1, "name")
        .I32(2, "port", keepZero: true)
        .Str(3, "protocol")
        .Str(4, "appProtocol", keepZero: true);

    public static readonly ProtoMessage EndpointSubset = new ProtoMessage("core.v1.EndpointSubset")
        .NestedList(1, "addresses", EndpointAddress)
        .NestedList(2, "notReadyAddresses", EndpointAddress)
        .NestedList(3, "ports", CoreEndpointPort);

    public static readonly ProtoMessage Endpoints = new ProtoMessage("core.v1.Endpoints")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .NestedList(2, "subsets", EndpointSubset);

    public static readonly ProtoMessage LimitRangeItem = new ProtoMessage("core.v1.LimitRangeItem")
        .Str(1, "type", keepZero: true)
        .QuantityMap(2, "max")
        .QuantityMap(3, "min")
        .QuantityMap(4, "default")
        .QuantityMap(5, "defaultRequest")
        .QuantityMap(6, "maxLimitRequestRatio");

    public static readonly ProtoMessage LimitRangeSpec = new ProtoMessage("core.v1.LimitRangeSpec")
        .NestedList(1, "limits", LimitRangeItem);

    public static readonly ProtoMessage LimitRange = new ProtoMessage("core.v1.LimitRange")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", LimitRangeSpec);

    public static readonly ProtoMessage EndpointConditions = new ProtoMessage("discovery.v1.EndpointConditions")
        .Flag(1, "ready", keepZero: true)
        .Flag(2, "serving", keepZero: true)
        .Flag(3, "terminating", keepZero: true);

    public static readonly ProtoMessage ForZone = new ProtoMessage("discovery.v1.ForZone")
        .Str(1, "name", keepZero: true);

    public static readonly ProtoMessage EndpointHints = new ProtoMessage("discovery.v1.EndpointHints")
        .NestedList(1, "forZones", ForZone);

    public static readonly ProtoMessage Endpoint = new ProtoMessage("discovery.v1.Endpoint")
        .StrList(1, "addresses")
        .Nested(2, "conditions", EndpointConditions)
        .Str(3, "hostname", keepZero: true)
        .Nested(4, "targetRef", CoreSchemas.ObjectReference)
        .StrMap(5, "deprecatedTopology")
        .Str(6, "nodeName", keepZero: true)
        .Str(7, "zone", keepZero: true)
        .Nested(8, "hints", EndpointHints);

    public static readonly ProtoMessage EndpointPort = new ProtoMessage("discovery.v1.EndpointPort")
        .Str(1, "name", keepZero: true)
        .Str(2, "protocol", keepZero: true)
        .I32(3, "port", keepZero: true)
        .Str(4, "appProtocol", keepZero: true);

    public static readonly ProtoMessage EndpointSlice = new ProtoMessage("discovery.v1.EndpointSlice")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .NestedList(2, "endpoints", Endpoint)
        .NestedList(3, "ports", EndpointPort)
        .Str(4, "addressType", keepZero: true);
}
