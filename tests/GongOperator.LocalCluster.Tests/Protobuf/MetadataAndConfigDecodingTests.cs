using System.Text;
using GongOperator.LocalCluster.Protobuf;

namespace GongOperator.LocalCluster.Tests.Protobuf;

public sealed class MetadataAndConfigDecodingTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Object_meta_decodes_every_field_in_its_json_form()
    {
        var metadata = new ProtoWriter()
            .Str(1, "web")
            .Str(2, "web-")
            .Str(3, "shop")
            .Str(4, string.Empty)
            .Str(5, "0b1c7f5e-1111-2222-3333-444455556666")
            .Str(6, "42")
            .Varint(7, 3)
            .Time(8, Created)
            .Time(9, Created.AddMinutes(1))
            .Varint(10, 0)
            .Entry(11, "app", "web")
            .Entry(11, "tier", "front")
            .Entry(12, "note", "hello")
            .Msg(13, o => o.Str(5, "apps/v1").Str(1, "ReplicaSet").Str(3, "web-1").Str(4, "uid-1").Bool(6, true).Bool(7, false))
            .Str(14, "example.com/one")
            .Str(14, "example.com/two")
            .Msg(17, m => m
                .Str(1, "kubectl")
                .Str(2, "Update")
                .Str(3, "v1")
                .Time(4, Created)
                .Str(6, "FieldsV1")
                .Msg(7, f => f.Bytes(1, Encoding.UTF8.GetBytes("""{"f:data":{".":{},"f:a":{}}}""")))
                .Str(8, string.Empty));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Msg(1, metadata)));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{
              "name":"web","generateName":"web-","namespace":"shop",
              "uid":"0b1c7f5e-1111-2222-3333-444455556666","resourceVersion":"42","generation":3,
              "creationTimestamp":"2026-01-02T03:04:05Z","deletionTimestamp":"2026-01-02T03:05:05Z",
              "deletionGracePeriodSeconds":0,
              "labels":{"app":"web","tier":"front"},"annotations":{"note":"hello"},
              "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-1","uid":"uid-1","controller":true,"blockOwnerDeletion":false}],
              "finalizers":["example.com/one","example.com/two"],
              "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2026-01-02T03:04:05Z",
                                "fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:a":{}}}}]}}
            """,
            json);
    }

    [Fact]
    public void Generation_is_a_json_number_even_beyond_int32()
    {
        var metadata = new ProtoWriter().Str(1, "big").Varint(7, 5_000_000_000);

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "ConfigMap", new ProtoWriter().Msg(1, metadata)));

        Assert.Equal(5_000_000_000, json["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public void Config_map_decodes_data_binary_data_and_immutable()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "settings").Str(3, "shop"))
            .Entry(2, "a.txt", "alpha")
            .Entry(2, "empty", string.Empty)
            .Entry(3, "blob", new byte[] { 0, 1, 2, 255 })
            .Bool(4, false);

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "ConfigMap", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings","namespace":"shop"},
             "data":{"a.txt":"alpha","empty":""},"binaryData":{"blob":"AAEC/w=="},"immutable":false}
            """,
            json);
    }

    [Fact]
    public void Secret_decodes_bytes_values_as_base64_and_string_data_as_text()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "creds"))
            .Entry(2, "password", Encoding.UTF8.GetBytes("s3cret"))
            .Str(3, "Opaque")
            .Entry(4, "user", "admin")
            .Bool(5, true);

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Secret", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds"},
             "data":{"password":"czNjcmV0"},"type":"Opaque","stringData":{"user":"admin"},"immutable":true}
            """,
            json);
    }

    [Fact]
    public void Delete_options_keep_zero_grace_period_and_preconditions()
    {
        var raw = new ProtoWriter()
            .Varint(1, 0)
            .Msg(2, p => p.Str(1, "uid-9").Str(2, "17"))
            .Str(4, "Foreground")
            .Str(5, "All");

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("meta.k8s.io/v1", "DeleteOptions", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"meta.k8s.io/v1","kind":"DeleteOptions","gracePeriodSeconds":0,
             "preconditions":{"uid":"uid-9","resourceVersion":"17"},"propagationPolicy":"Foreground","dryRun":["All"]}
            """,
            json);
    }

    [Fact]
    public void Delete_options_are_accepted_in_any_group_version()
    {
        var raw = new ProtoWriter().Bool(3, true);

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("apps/v1", "DeleteOptions", raw));

        JsonAssert.Equal("""{"apiVersion":"apps/v1","kind":"DeleteOptions","orphanDependents":true}""", json);
    }

    [Fact]
    public void Empty_strings_and_zero_numbers_are_omitted_as_omitempty_does()
    {
        var metadata = new ProtoWriter().Str(1, "x").Str(2, string.Empty).Str(6, string.Empty).Varint(7, 0)
            .Msg(8, _ => { });

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Namespace", new ProtoWriter().Msg(1, metadata)));

        JsonAssert.Equal("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}""", json);
    }

    [Fact]
    public void Unknown_fields_are_skipped()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "n").Str(99, "future").Varint(98, 7))
            .Msg(77, x => x.Str(1, "future message"));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Namespace", raw));

        JsonAssert.Equal("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"}}""", json);
    }

    [Theory]
    [InlineData("application/vnd.kubernetes.protobuf", true)]
    [InlineData("application/vnd.kubernetes.protobuf; charset=utf-8", true)]
    [InlineData(" Application/VND.Kubernetes.Protobuf ;stream=watch", true)]
    [InlineData("application/json", false)]
    [InlineData("application/vnd.kubernetes.protobuf+json", false)]
    [InlineData("", false)]
    public void Protobuf_media_type_is_recognised_without_parameters(string mediaType, bool expected) =>
        Assert.Equal(expected, KubernetesProtobuf.IsProtobufMediaType(mediaType));
}
