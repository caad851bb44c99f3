using System.Text;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Protobuf;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Tests.Protobuf;

public sealed class SchemaAndWireTypeTests
{
    [Fact]
    public void Every_supported_kind_has_a_complete_schema_graph()
    {
        var seen = new HashSet<ProtoMessage>();
        var supported = KindSchemas.Supported.ToList();
        Assert.Contains(("v1", "Namespace"), supported);
        Assert.Contains(("apps/v1", "Deployment"), supported);
        Assert.Contains(("meta.k8s.io/v1", "DeleteOptions"), supported);

        foreach (var (apiVersion, kind) in supported)
        {
            var schema = KindSchemas.Find(apiVersion, kind);
            Assert.NotNull(schema);
            Walk(schema, seen);
        }

        Assert.True(seen.Count > 100, $"only {seen.Count} messages reachable");
    }

    [Fact]
    public void Supported_kinds_cover_the_clients_that_write_protobuf()
    {
        var expected = new[]
        {
            ("v1", "Namespace"), ("v1", "Secret"), ("v1", "ConfigMap"), ("v1", "ServiceAccount"), ("v1", "Service"),
            ("v1", "Event"), ("events.k8s.io/v1", "Event"), ("coordination.k8s.io/v1", "Lease"),
            ("rbac.authorization.k8s.io/v1", "Role"), ("rbac.authorization.k8s.io/v1", "RoleBinding"),
            ("rbac.authorization.k8s.io/v1", "ClusterRole"), ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
            ("apps/v1", "Deployment"), ("v1", "DeleteOptions"), ("meta.k8s.io/v1", "DeleteOptions"),
            ("v1", "Pod"), ("v1", "PersistentVolumeClaim"), ("v1", "ResourceQuota"), ("apps/v1", "ReplicaSet"),
            ("apps/v1", "StatefulSet"), ("apps/v1", "DaemonSet"), ("batch/v1", "Job"), ("batch/v1", "CronJob"),
            ("policy/v1", "PodDisruptionBudget"), ("scheduling.k8s.io/v1", "PriorityClass"),
            ("networking.k8s.io/v1", "Ingress"), ("networking.k8s.io/v1", "IngressClass"),
            ("networking.k8s.io/v1", "NetworkPolicy"), ("autoscaling/v2", "HorizontalPodAutoscaler"),
        };

        foreach (var (apiVersion, kind) in expected)
        {
            Assert.NotNull(KindSchemas.Find(apiVersion, kind));
        }
    }

    [Fact]
    public void Every_built_in_kind_served_but_CustomResourceDefinition_has_a_schema()
    {
        // kubectl and helm send a CRD as JSON (they handle it unstructured); every other served kind may come as protobuf.
        var missing = BuiltInResources.All
            .Where(r => r.Kind != "CustomResourceDefinition")
            .Select(r => (ApiVersion: r.GroupVersion, r.Kind))
            .Where(k => KindSchemas.Find(k.ApiVersion, k.Kind) is null);

        Assert.Empty(missing);
    }

    [Fact]
    public void Negative_int32_sent_as_ten_byte_varint_decodes_as_negative()
    {
        var raw = new ProtoWriter().Msg(2, s => s.Int32(1, -1));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("apps/v1", "Deployment", raw));

        Assert.Equal(-1, json["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Time_drops_fractions_and_micro_time_keeps_six_digits()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_567);
        var raw = new ProtoWriter()
            .Msg(1, m => m.Time(8, at, withNanos: true))
            .Time(10, at, withNanos: true);

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Event", raw));

        Assert.Equal("2026-01-02T03:04:05Z", json["metadata"]!["creationTimestamp"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05.123456Z", json["eventTime"]!.GetValue<string>());
    }

    [Fact]
    public void Time_at_the_epoch_is_kept_but_an_empty_time_is_left_out()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Msg(8, t => t.Varint(1, 0)).Msg(9, _ => { }));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Namespace", raw));

        JsonAssert.Equal("""{"creationTimestamp":"1970-01-01T00:00:00Z"}""", json["metadata"]);
    }

    [Fact]
    public void Empty_quantity_reads_as_zero_and_int_or_string_defaults_to_int()
    {
        var raw = new ProtoWriter()
            .Msg(2, s => s
                .Msg(3, t => t.Msg(2, p => p.Msg(2, c => c
                    .Str(1, "web")
                    .Msg(8, r => r.Msg(1, e => e.Str(1, "cpu").Msg(2, _ => { })))
                    .Msg(10, pr => pr.Msg(1, h => h.Msg(3, tcp => tcp.Msg(1, _ => { }))))))));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("apps/v1", "Deployment", raw));
        var container = json["spec"]!["template"]!["spec"]!["containers"]![0]!;

        Assert.Equal("0", container["resources"]!["limits"]!["cpu"]!.GetValue<string>());
        Assert.Equal(0, container["livenessProbe"]!["tcpSocket"]!["port"]!.GetValue<int>());
    }

    [Fact]
    public void Later_scalar_value_wins_and_a_later_zero_clears_the_field()
    {
        var raw = new ProtoWriter().Msg(1, m => m.Str(1, "first").Str(1, "second").Str(2, "gen-").Str(2, string.Empty));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Namespace", raw));

        JsonAssert.Equal("""{"name":"second"}""", json["metadata"]);
    }

    [Fact]
    public void Map_entry_without_value_gives_an_empty_string()
    {
        var raw = new ProtoWriter().Msg(1, m => m.Msg(11, e => e.Str(1, "flag")));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Namespace", raw));

        JsonAssert.Equal("""{"labels":{"flag":""}}""", json["metadata"]);
    }

    [Fact]
    public void Raw_extension_embeds_json_and_nested_protobuf_objects()
    {
        var schema = new ProtoMessage("test.Holder").RawExtension(1, "object").RawExtensionList(2, "items");
        var nested = ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Msg(1, m => m.Str(1, "inner")));
        var data = new ProtoWriter()
            .Msg(1, r => r.Bytes(1, Encoding.UTF8.GetBytes("""{"kind":"Widget","spec":{"size":3}}""")))
            .Msg(2, r => r.Bytes(1, nested))
            .ToArray();
        var target = new JsonObject();

        ProtobufJsonDecoder.DecodeInto(data, schema, target, depth: 0);

        JsonAssert.Equal(
            """
            {"object":{"kind":"Widget","spec":{"size":3}},
             "items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"inner"}}]}
            """,
            target);
    }

    [Fact]
    public void Json_content_type_inside_the_envelope_is_merged()
    {
        var withRaw = new ProtoWriter()
            .Msg(1, t => t.Str(1, "v1").Str(2, "ConfigMap"))
            .Bytes(2, Encoding.UTF8.GetBytes("""{"metadata":{"name":"j"},"data":{"a":"b"}}"""))
            .Str(4, "application/json");
        byte[] body = [.. "k8s\0"u8, .. withRaw.ToArray()];

        var json = KubernetesProtobuf.Decode(body);

        JsonAssert.Equal("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"data":{"a":"b"}}""", json);
    }

    [Fact]
    public void Deeply_nested_raw_extensions_are_refused_instead_of_overflowing_the_stack()
    {
        var schema = new ProtoMessage("test.Holder").RawExtension(1, "object");
        var data = Array.Empty<byte>();
        for (var level = 0; level < 200; level++)
        {
            data = new ProtoWriter().Msg(1, r => r.Bytes(1, [.. "k8s\0"u8, .. Envelope(data)])).ToArray();
        }

        Assert.Throws<ProtobufDecodeException>(() => ProtobufJsonDecoder.DecodeInto(data, schema, new JsonObject(), depth: 0));

        static byte[] Envelope(byte[] raw) =>
            new ProtoWriter().Msg(1, t => t.Str(1, "v1").Str(2, "Holder")).Bytes(2, raw).ToArray();
    }

    private static void Walk(ProtoMessage message, HashSet<ProtoMessage> seen)
    {
        if (!seen.Add(message))
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in message.Fields)
        {
            Assert.False(string.IsNullOrEmpty(field.JsonName), $"{message.Name}.{field.Number} has no name");
            if (field.Shape != FieldShape.Inline)
            {
                Assert.True(names.Add(field.JsonName), $"{message.Name} has {field.JsonName} twice");
            }

            if (field.Kind == FieldKind.Message)
            {
                Assert.NotNull(field.Message);
                Walk(field.Message, seen);
            }
            else
            {
                Assert.Null(field.Message);
            }
        }
    }
}
