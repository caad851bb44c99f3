using Google.Protobuf;

namespace GongOperator.LocalCluster.Tests.Protobuf;

/// <summary>
/// A tiny protobuf writer for building test bodies field by field with field numbers, the way
/// Go's generated marshallers lay them out.
/// </summary>
internal sealed class ProtoWriter
{
    // Writes are recorded and replayed in ToArray so the writer owns no disposable stream.
    private readonly List<Action<CodedOutputStream>> _writes = [];

    public ProtoWriter Str(int field, string value)
    {
        _writes.Add(o =>
        {
            o.WriteTag(field, WireFormat.WireType.LengthDelimited);
            o.WriteString(value);
        });
        return this;
    }

    public ProtoWriter Bytes(int field, byte[] value)
    {
        _writes.Add(o =>
        {
            o.WriteTag(field, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(value));
        });
        return this;
    }

    public ProtoWriter Varint(int field, long value)
    {
        _writes.Add(o =>
        {
            o.WriteTag(field, WireFormat.WireType.Varint);
            o.WriteInt64(value);
        });
        return this;
    }

    /// <summary>An int32 as Go writes it: negative values sign-extended to ten bytes.</summary>
    public ProtoWriter Int32(int field, int value)
    {
        _writes.Add(o =>
        {
            o.WriteTag(field, WireFormat.WireType.Varint);
            o.WriteInt32(value);
        });
        return this;
    }

    public ProtoWriter Bool(int field, bool value)
    {
        _writes.Add(o =>
        {
            o.WriteTag(field, WireFormat.WireType.Varint);
            o.WriteBool(value);
        });
        return this;
    }

    /// <summary>A packed repeated varint field (one length-delimited run).</summary>
    public ProtoWriter Packed(int field, params long[] values)
    {
        _writes.Add(o =>
        {
            o.WriteTag(field, WireFormat.WireType.LengthDelimited);
            o.WriteLength(values.Sum(v => CodedOutputStream.ComputeInt64Size(v)));
            foreach (var value in values)
            {
                o.WriteInt64(value);
            }
        });
        return this;
    }

    public ProtoWriter Msg(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter Msg(int field, Action<ProtoWriter> build)
    {
        var message = new ProtoWriter();
        build(message);
        return Msg(field, message);
    }

    /// <summary>One map&lt;string,string&gt; entry.</summary>
    public ProtoWriter Entry(int field, string key, string value) =>
        Msg(field, new ProtoWriter().Str(1, key).Str(2, value));

    /// <summary>One map&lt;string,bytes&gt; entry.</summary>
    public ProtoWriter Entry(int field, string key, byte[] value) =>
        Msg(field, new ProtoWriter().Str(1, key).Bytes(2, value));

    /// <summary>One map&lt;string,Quantity&gt; entry.</summary>
    public ProtoWriter QuantityEntry(int field, string key, string quantity) =>
        Msg(field, new ProtoWriter().Str(1, key).Msg(2, new ProtoWriter().Str(1, quantity)));

    /// <summary>A metav1.Time / MicroTime message.</summary>
    public ProtoWriter Time(int field, DateTimeOffset time, bool withNanos = false)
    {
        var message = new ProtoWriter().Varint(1, time.ToUnixTimeSeconds());
        if (withNanos)
        {
            message.Int32(2, (int)(time.Ticks % TimeSpan.TicksPerSecond * 100));
        }

        return Msg(field, message);
    }

    /// <summary>An intstr.IntOrString holding an int.</summary>
    public ProtoWriter IntOrString(int field, int value) =>
        Msg(field, new ProtoWriter().Varint(1, 0).Int32(2, value));

    /// <summary>An intstr.IntOrString holding a string.</summary>
    public ProtoWriter IntOrString(int field, string value) =>
        Msg(field, new ProtoWriter().Varint(1, 1).Str(3, value));

    /// <summary>A resource.Quantity.</summary>
    public ProtoWriter Quantity(int field, string value) => Msg(field, new ProtoWriter().Str(1, value));

    public byte[] ToArray()
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true))
        {
            foreach (var write in _writes)
            {
                write(output);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A whole request body: k8s\0 then runtime.Unknown{typeMeta, raw, contentEncoding, contentType}.</summary>
    public static byte[] Envelope(string apiVersion, string kind, ProtoWriter raw)
    {
        var unknown = new ProtoWriter()
            .Msg(1, new ProtoWriter().Str(1, apiVersion).Str(2, kind))
            .Msg(2, raw)
            .Str(3, string.Empty)
            .Str(4, string.Empty);
        return [.. "k8s\0"u8, .. unknown.ToArray()];
    }
}
