using GongOperator.LocalCluster.Protobuf;

namespace GongOperator.LocalCluster.Tests.Protobuf;

public sealed class DiscoveryKindsDecodingTests
{
    [Fact]
    public void EndpointSlice_decodes_endpoints_conditions_and_ports()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "db-external").Str(3, "shop"))
            .Msg(2, e => e.Str(1, "192.0.2.10").Msg(2, c => c.Bool(1, true).Bool(3, false)).Str(6, "node-a").Str(7, "zone-1")
                .Msg(8, h => h.Msg(1, z => z.Str(1, "zone-1"))))
            .Msg(3, p => p.Str(1, "postgres").Str(2, "TCP").Int32(3, 5432))
            .Str(4, "IPv4");

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("discovery.k8s.io/v1", "EndpointSlice", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"db-external","namespace":"shop"},
             "endpoints":[{"addresses":["192.0.2.10"],"conditions":{"ready":true,"terminating":false},"nodeName":"node-a","zone":"zone-1",
                           "hints":{"forZones":[{"name":"zone-1"}]}}],
             "ports":[{"name":"postgres","protocol":"TCP","port":5432}],
             "addressType":"IPv4"}
            """,
            json);
    }

    [Fact]
    public void Endpoints_and_LimitRange_decode_subsets_and_quantity_maps()
    {
        var endpoints = new ProtoWriter()
            .Msg(1, m => m.Str(1, "db").Str(3, "shop"))
            .Msg(2, s => s
                .Msg(1, a => a.Str(1, "192.0.2.10").Msg(2, r => r.Str(1, "Pod").Str(3, "db-0")))
                .Msg(2, a => a.Str(1, "192.0.2.11"))
                .Msg(3, p => p.Str(1, "postgres").Int32(2, 5432).Str(3, "TCP")));
        var limits = new ProtoWriter()
            .Msg(1, m => m.Str(1, "defaults").Str(3, "shop"))
            .Msg(2, s => s.Msg(1, i => i.Str(1, "Container").QuantityEntry(4, "cpu", "500m").QuantityEntry(5, "memory", "128Mi")));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"db","namespace":"shop"},
             "subsets":[{"addresses":[{"ip":"192.0.2.10","targetRef":{"kind":"Pod","name":"db-0"}}],
                         "notReadyAddresses":[{"ip":"192.0.2.11"}],
                         "ports":[{"name":"postgres","port":5432,"protocol":"TCP"}]}]}
            """,
            KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Endpoints", endpoints)));
        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"defaults","namespace":"shop"},
             "spec":{"limits":[{"type":"Container","default":{"cpu":"500m"},"defaultRequest":{"memory":"128Mi"}}]}}
            """,
            KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "LimitRange", limits)));
    }
}
