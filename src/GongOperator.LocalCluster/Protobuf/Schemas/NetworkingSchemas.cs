namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>networking.k8s.io/v1 Ingress, IngressClass and NetworkPolicy (field numbers from its generated.proto).</summary>
internal static class NetworkingSchemas
{
    public static readonly ProtoMessage ServiceBackendPort = new ProtoMessage("networking.v1.ServiceBackendPort")
        .Str(1, "name")
        .I32(2, "number");

    public static readonly ProtoMessage IngressServiceBackend = new ProtoMessage("networking.v1.IngressServiceBackend")
        .Str(1, "name", keepZero: true)
        .Nested(2, "port", ServiceBackendPort);

    public static readonly ProtoMessage IngressBackend = new ProtoMessage("networking.v1.IngressBackend")
        .Nested(4, "service", IngressServiceBackend)
        .Nested(3, "resource", CoreSchemas.TypedLocalObjectReference);

    public static readonly ProtoMessage HttpIngressPath = new ProtoMessage("networking.v1.HTTPIngressPath")
        .Str(1, "path")
        .Str(3, "pathType", keepZero: true)
        .Nested(2, "backend", IngressBackend);

    public static readonly ProtoMessage HttpIngressRuleValue = new ProtoMessage("networking.v1.HTTPIngressRuleValue")
        .NestedList(1, "paths", HttpIngressPath);

    public static readonly ProtoMessage IngressRuleValue = new ProtoMessage("networking.v1.IngressRuleValue")
        .Nested(1, "http", HttpIngressRuleValue);

    public static readonly ProtoMessage IngressRule = new ProtoMessage("networking.v1.IngressRule")
        .Str(1, "host")
        .Inline(2, "IngressRuleValue", IngressRuleValue);

    public static readonly ProtoMessage IngressTls = new ProtoMessage("networking.v1.IngressTLS")
        .StrList(1, "hosts")
        .Str(2, "secretName");

    public static readonly ProtoMessage IngressSpec = new ProtoMessage("networking.v1.IngressSpec")
        .Str(4, "ingressClassName", keepZero: true)
        .Nested(1, "defaultBackend", IngressBackend)
        .NestedList(2, "tls", IngressTls)
        .NestedList(3, "rules", IngressRule);

    public static readonly ProtoMessage IngressPortStatus = new ProtoMessage("networking.v1.IngressPortStatus")
        .I32(1, "port", keepZero: true)
        .Str(2, "protocol", keepZero: true)
        .Str(3, "error", keepZero: true);

    public static readonly ProtoMessage IngressLoadBalancerIngress = new ProtoMessage("networking.v1.IngressLoadBalancerIngress")
        .Str(1, "ip")
        .Str(2, "hostname")
        .NestedList(4, "ports", IngressPortStatus);

    public static readonly ProtoMessage IngressLoadBalancerStatus = new ProtoMessage("networking.v1.IngressLoadBalancerStatus")
        .NestedList(1, "ingress", IngressLoadBalancerIngress);

    public static readonly ProtoMessage IngressStatus = new ProtoMessage("networking.v1.IngressStatus")
        .Nested(1, "loadBalancer", IngressLoadBalancerStatus);

    public static readonly ProtoMessage Ingress = new ProtoMessage("networking.v1.Ingress")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", IngressSpec)
        .Nested(3, "status", IngressStatus);

    // The proto field is spelled aPIGroup; its JSON name is apiGroup.
    public static readonly ProtoMessage IngressClassParametersReference = new ProtoMessage("networking.v1.IngressClassParametersReference")
        .Str(1, "apiGroup", keepZero: true)
        .Str(2, "kind", keepZero: true)
        .Str(3, "name", keepZero: true)
        .Str(4, "scope", keepZero: true)
        .Str(5, "namespace", keepZero: true);

    public static readonly ProtoMessage IngressClassSpec = new ProtoMessage("networking.v1.IngressClassSpec")
        .Str(1, "controller")
        .Nested(2, "parameters", IngressClassParametersReference);

    public static readonly ProtoMessage IngressClass = new ProtoMessage("networking.v1.IngressClass")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", IngressClassSpec);

    public static readonly ProtoMessage IpBlock = new ProtoMessage("networking.v1.IPBlock")
        .Str(1, "cidr", keepZero: true)
        .StrList(2, "except");

    public static readonly ProtoMessage NetworkPolicyPeer = new ProtoMessage("networking.v1.NetworkPolicyPeer")
        .Nested(1, "podSelector", MetaSchemas.LabelSelector)
        .Nested(2, "namespaceSelector", MetaSchemas.LabelSelector)
        .Nested(3, "ipBlock", IpBlock);

    public static readonly ProtoMessage NetworkPolicyPort = new ProtoMessage("networking.v1.NetworkPolicyPort")
        .Str(1, "protocol", keepZero: true)
        .IntOrString(2, "port")
        .I32(3, "endPort", keepZero: true);

    public static readonly ProtoMessage NetworkPolicyIngressRule = new ProtoMessage("networking.v1.NetworkPolicyIngressRule")
        .NestedList(1, "ports", NetworkPolicyPort)
        .NestedList(2, "from", NetworkPolicyPeer);

    public static readonly ProtoMessage NetworkPolicyEgressRule = new ProtoMessage("networking.v1.NetworkPolicyEgressRule")
        .NestedList(1, "ports", NetworkPolicyPort)
        .NestedList(2, "to", NetworkPolicyPeer);

    public static readonly ProtoMessage NetworkPolicySpec = new ProtoMessage("networking.v1.NetworkPolicySpec")
        .Nested(1, "podSelector", MetaSchemas.LabelSelector)
        .NestedList(2, "ingress", NetworkPolicyIngressRule)
        .NestedList(3, "egress", NetworkPolicyEgressRule)
        .StrList(4, "policyTypes");

    public static readonly ProtoMessage NetworkPolicy = new ProtoMessage("networking.v1.NetworkPolicy")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", NetworkPolicySpec);
}
