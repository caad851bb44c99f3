using GongOperator.LocalCluster.Protobuf;

namespace GongOperator.LocalCluster.Tests.Protobuf;

public sealed class MalformedInputTests
{
    private static byte[] ValidNamespace => Convert.FromBase64String(RecordedBodies.NamespaceSample);

    [Fact]
    public void Missing_magic_is_rejected()
    {
        var body = ValidNamespace;
        body[0] = (byte)'x';

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.StartsWith("unable to decode protobuf body: ", error.Message, StringComparison.Ordinal);
        Assert.False(error.UnknownKind);
    }

    [Fact]
    public void Json_body_is_rejected_as_not_protobuf() =>
        Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode("""{"kind":"Namespace"}"""u8));

    [Fact]
    public void Empty_and_magic_only_bodies_are_rejected()
    {
        Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode([]));
        Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode("k8s\0"u8));
    }

    [Fact]
    public void Truncated_varint_is_rejected()
    {
        byte[] body = [.. "k8s\0"u8, 0x0A, 0x80];

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Contains("varint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_varint_is_rejected()
    {
        byte[] body = [.. "k8s\0"u8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];

        Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void Length_past_the_end_is_rejected()
    {
        byte[] body = [.. "k8s\0"u8, 0x0A, 0x7F, 0x01];

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Contains("past the end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_truncation_of_real_bodies_fails_cleanly_or_decodes()
    {
        foreach (var encoded in new[] { RecordedBodies.NamespaceSample, RecordedBodies.HelmReleaseSecretCreate, RecordedBodies.HelmDeleteOptions })
        {
            var full = Convert.FromBase64String(encoded);
            for (var length = 0; length < full.Length; length++)
            {
                AssertDecodesOrFailsCleanly(full.AsSpan(0, length).ToArray());
            }
        }
    }

    [Fact]
    public void Every_single_byte_corruption_fails_cleanly_or_decodes()
    {
        var full = Convert.FromBase64String(RecordedBodies.NamespaceSample2);
        for (var index = 0; index < full.Length; index++)
        {
            foreach (var value in new byte[] { 0x00, 0x07, 0x7F, 0x80, 0xFF })
            {
                var corrupt = (byte[])full.Clone();
                corrupt[index] = value;
                AssertDecodesOrFailsCleanly(corrupt);
            }
        }
    }

    [Fact]
    public void Random_garbage_after_the_magic_fails_cleanly_or_decodes()
    {
        var random = new Random(1234);
        for (var round = 0; round < 2000; round++)
        {
            var body = new byte[4 + random.Next(0, 64)];
            random.NextBytes(body);
            "k8s\0"u8.CopyTo(body);
            AssertDecodesOrFailsCleanly(body);
        }
    }

    [Fact]
    public void Unknown_kind_names_kind_and_version()
    {
        var body = ProtoWriter.Envelope("example.com/v1", "Widget", new ProtoWriter().Msg(1, m => m.Str(1, "w")));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Equal("no protobuf decoder for kind Widget in version example.com/v1", error.Message);
        Assert.True(error.UnknownKind);
    }

    [Fact]
    public void Missing_kind_is_rejected()
    {
        var body = ProtoWriter.Envelope("v1", string.Empty, new ProtoWriter());

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.False(error.UnknownKind);
    }

    [Fact]
    public void Wrong_wire_type_for_a_known_field_is_rejected()
    {
        // metadata.name (field 1, string) sent as a varint.
        var body = ProtoWriter.Envelope("v1", "Namespace", new ProtoWriter().Msg(1, m => m.Varint(1, 5)));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Contains("ObjectMeta.name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_in_managed_fields_is_rejected()
    {
        var metadata = new ProtoWriter().Msg(17, m => m.Msg(7, f => f.Bytes(1, "{not json"u8.ToArray())));
        var body = ProtoWriter.Envelope("v1", "Namespace", new ProtoWriter().Msg(1, metadata));

        Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void Duplicate_names_in_embedded_json_are_rejected_while_decoding()
    {
        var metadata = new ProtoWriter().Msg(17, m => m.Msg(7, f => f.Bytes(1, """{"f:a":{},"f:a":{}}"""u8.ToArray())));
        var body = ProtoWriter.Envelope("v1", "Namespace", new ProtoWriter().Msg(1, metadata));

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Contains("fieldsV1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_time_is_rejected()
    {
        var metadata = new ProtoWriter().Msg(8, t => t.Varint(1, long.MaxValue));
        var body = ProtoWriter.Envelope("v1", "Namespace", new ProtoWriter().Msg(1, metadata));

        Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void Content_encoding_is_rejected()
    {
        var unknown = new ProtoWriter()
            .Msg(1, t => t.Str(1, "v1").Str(2, "Namespace"))
            .Msg(2, new ProtoWriter())
            .Str(3, "gzip");
        byte[] body = [.. "k8s\0"u8, .. unknown.ToArray()];

        Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));
    }

    private static void AssertDecodesOrFailsCleanly(byte[] body)
    {
        try
        {
            KubernetesProtobuf.Decode(body);
        }
        catch (ProtobufDecodeException)
        {
            // Expected for most corruptions.
        }
    }
}
