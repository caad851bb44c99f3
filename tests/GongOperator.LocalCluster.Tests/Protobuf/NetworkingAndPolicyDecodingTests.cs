using GongOperator.LocalCluster.Protobuf;

namespace GongOperator.LocalCluster.Tests.Protobuf;

public sealed class NetworkingAndPolicyDecodingTests
{
    [Fact]
    public void Network_policy_decodes_peers_ports_and_policy_types()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "allow-web"))
            .Msg(2, s => s
                .Msg(1, l => l.Entry(1, "app", "web"))
                .Msg(2, r => r
                    .Msg(1, p => p.Str(1, "TCP").IntOrString(2, 8000).Int32(3, 8080))
                    .Msg(2, peer => peer.Msg(2, l => l.Entry(1, "team", "a")))
                    .Msg(2, peer => peer.Msg(3, b => b.Str(1, "10.0.0.0/8").Str(2, "10.1.0.0/16"))))
                .Msg(3, r => r.Msg(1, p => p.IntOrString(2, "dns")))
                .Str(4, "Ingress")
                .Str(4, "Egress"));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("networking.k8s.io/v1", "NetworkPolicy", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-web"},
             "spec":{"podSelector":{"matchLabels":{"app":"web"}},
                     "ingress":[{"ports":[{"protocol":"TCP","port":8000,"endPort":8080}],
                                 "from":[{"namespaceSelector":{"matchLabels":{"team":"a"}}},
                                         {"ipBlock":{"cidr":"10.0.0.0/8","except":["10.1.0.0/16"]}}]}],
                     "egress":[{"ports":[{"port":"dns"}]}],
                     "policyTypes":["Ingress","Egress"]}}
            """,
            json);
    }

    [Fact]
    public void Ingress_class_maps_the_proto_field_aPIGroup_to_apiGroup()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "nginx"))
            .Msg(2, s => s.Str(1, "k8s.io/ingress-nginx").Msg(2, p => p.Str(1, "k8s.example.com").Str(2, "Params").Str(3, "p").Str(4, "Cluster")));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("networking.k8s.io/v1", "IngressClass", raw));

        JsonAssert.Equal(
            """
            {"controller":"k8s.io/ingress-nginx",
             "parameters":{"apiGroup":"k8s.example.com","kind":"Params","name":"p","scope":"Cluster"}}
            """,
            json["spec"]);
    }

    [Fact]
    public void Pod_disruption_budget_status_decodes_a_map_of_times()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "p"))
            .Msg(3, s => s
                .Varint(1, 2)
                .Msg(2, e => e.Str(1, "web-1").Time(2, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)))
                .Int32(3, 0)
                .Int32(4, 2)
                .Int32(5, 2)
                .Int32(6, 3));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("policy/v1", "PodDisruptionBudget", raw));

        JsonAssert.Equal(
            """
            {"observedGeneration":2,"disruptedPods":{"web-1":"2026-01-02T03:04:05Z"},
             "disruptionsAllowed":0,"currentHealthy":2,"desiredHealthy":2,"expectedPods":3}
            """,
            json["status"]);
    }
}
