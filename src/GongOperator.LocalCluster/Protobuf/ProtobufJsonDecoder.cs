using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Protobuf;

/// <summary>
/// Turns one protobuf message into the JSON object Go's encoding/json would write for the same
/// Kubernetes struct, driven by a <see cref="ProtoMessage"/> schema.
/// </summary>
internal static class ProtobufJsonDecoder
{
    // Kubernetes schemas nest about a dozen levels; this only stops hostile input.
    private const int MaxDepth = 64;

    // Duplicate names would otherwise surface later, when the server walks the object.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>Decodes <paramref name="data"/> as <paramref name="schema"/>, adding properties to <paramref name="target"/>.</summary>
    public static void DecodeInto(ReadOnlySpan<byte> data, ProtoMessage schema, JsonObject target, int depth)
    {
        if (depth > MaxDepth)
        {
            throw ProtobufDecodeException.Malformed($"message {schema.Name} is nested too deeply");
        }

        var reader = new WireReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (!schema.TryGetField(number, out var field))
            {
                // A field from a newer API version: dropped, as the real server drops unknown JSON fields.
                reader.Skip(number, wireType);
                continue;
            }

            switch (field.Shape)
            {
                case FieldShape.Single:
                    SetSingle(ref reader, wireType, field, schema, target, depth);
                    break;
                case FieldShape.Repeated:
                    AppendRepeated(ref reader, wireType, field, schema, target, depth);
                    break;
                case FieldShape.Map:
                    AddMapEntry(ref reader, wireType, field, schema, target, depth);
                    break;
                case FieldShape.Inline:
                    Expect(wireType, WireType.LengthDelimited, field, schema);
                    DecodeInto(reader.ReadLengthDelimited(), field.Message!, target, depth + 1);
                    break;
                default:
                    throw new InvalidOperationException($"unknown field shape {field.Shape}");
            }
        }
    }

    private static void SetSingle(ref WireReader reader, WireType wireType, ProtoField field, ProtoMessage owner, JsonObject target, int depth)
    {
        var value = ReadValue(ref reader, wireType, field, owner, depth);
        if (value is null || (!field.KeepZero && IsZero(field.Kind, value)))
        {
            // Last value wins in protobuf, so a later zero also clears an earlier value.
            target.Remove(field.JsonName);
            return;
        }

        target[field.JsonName] = value;
    }

    private static void AppendRepeated(ref WireReader reader, WireType wireType, ProtoField field, ProtoMessage owner, JsonObject target, int depth)
    {
        var array = GetOrAdd(target, field.JsonName, static () => new JsonArray());
        if (wireType == WireType.LengthDelimited && field.Kind is FieldKind.Int32 or FieldKind.Int64 or FieldKind.Boolean)
        {
            // Packed encoding: one length-delimited run of varints.
            var packed = new WireReader(reader.ReadLengthDelimited());
            while (!packed.AtEnd)
            {
                array.Add(ScalarFromVarint(field.Kind, packed.ReadVarint()));
            }

            return;
        }

        // Go writes a nil list element for messages as an empty message, never as null.
        array.Add(ReadValue(ref reader, wireType, field, owner, depth) ?? new JsonObject());
    }

    private static void AddMapEntry(ref WireReader reader, WireType wireType, ProtoField field, ProtoMessage owner, JsonObject target, int depth)
    {
        Expect(wireType, WireType.LengthDelimited, field, owner);
        var entry = new WireReader(reader.ReadLengthDelimited());
        var key = string.Empty;
        JsonNode? value = null;
        while (!entry.AtEnd)
        {
            var (number, entryWireType) = entry.ReadTag();
            switch (number)
            {
                case 1:
                    Expect(entryWireType, WireType.LengthDelimited, field, owner);
                    key = Utf8(entry.ReadLengthDelimited());
                    break;
                case 2:
                    value = ReadValue(ref entry, entryWireType, field, owner, depth);
                    break;
                default:
                    entry.Skip(number, entryWireType);
                    break;
            }
        }

        var map = GetOrAdd(target, field.JsonName, static () => new JsonObject());
        map[key] = value ?? ZeroValue(field);
    }

    private static JsonNode? ReadValue(ref WireReader reader, WireType wireType, ProtoField field, ProtoMessage owner, int depth)
    {
        switch (field.Kind)
        {
            case FieldKind.Int32:
            case FieldKind.Int64:
            case FieldKind.Boolean:
                Expect(wireType, WireType.Varint, field, owner);
                return ScalarFromVarint(field.Kind, reader.ReadVarint());
            case FieldKind.Text:
                Expect(wireType, WireType.LengthDelimited, field, owner);
                return JsonValue.Create(Utf8(reader.ReadLengthDelimited()));
            case FieldKind.Bytes:
                Expect(wireType, WireType.LengthDelimited, field, owner);
                return JsonValue.Create(Convert.ToBase64String(reader.ReadLengthDelimited()));
            default:
                Expect(wireType, WireType.LengthDelimited, field, owner);
                return ReadMessageValue(reader.ReadLengthDelimited(), field, depth);
        }
    }

    private static JsonNode? ReadMessageValue(ReadOnlySpan<byte> data, ProtoField field, int depth)
    {
        switch (field.Kind)
        {
            case FieldKind.Message:
                var nested = new JsonObject();
                DecodeInto(data, field.Message!, nested, depth + 1);
                return nested;
            case FieldKind.Time:
                return WellKnownTypes.Time(data);
            case FieldKind.MicroTime:
                return WellKnownTypes.MicroTime(data);
            case FieldKind.Quantity:
                return WellKnownTypes.Quantity(data);
            case FieldKind.IntOrString:
                return WellKnownTypes.IntOrString(data);
            case FieldKind.FieldsV1:
                return EmbeddedJson(WellKnownTypes.SingleBytesField(data, 1, "FieldsV1"), field);
            case FieldKind.RawExtension:
                return RawExtension(WellKnownTypes.SingleBytesField(data, 1, "RawExtension"), field, depth);
            default:
                throw new InvalidOperationException($"field kind {field.Kind} is not a message");
        }
    }

    private static JsonNode? RawExtension(ReadOnlySpan<byte> raw, ProtoField field, int depth)
    {
        // Inside a protobuf object an embedded object may itself be protobuf-encoded.
        return raw.StartsWith(KubernetesProtobuf.Magic)
            ? KubernetesProtobuf.DecodeEnvelope(raw, depth + 1)
            : EmbeddedJson(raw, field);
    }

    /// <summary>Parses JSON embedded in a protobuf field or envelope; invalid JSON is a decode error.</summary>
    internal static JsonNode? ParseEmbeddedJson(ReadOnlySpan<byte> raw, string what)
    {
        try
        {
            return JsonNode.Parse(raw, nodeOptions: null, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ProtobufDecodeException($"unable to decode protobuf body: {what} does not hold valid JSON: {ex.Message}", ex);
        }
    }

    private static JsonNode? EmbeddedJson(ReadOnlySpan<byte> raw, ProtoField field) =>
        raw.IsEmpty ? null : ParseEmbeddedJson(raw, $"field {field.JsonName}");

    private static JsonValue ScalarFromVarint(FieldKind kind, ulong raw) => kind switch
    {
        // Negative int32 values are sign-extended to 64 bits on the wire; truncation undoes that.
        FieldKind.Int32 => JsonValue.Create(unchecked((int)raw)),
        FieldKind.Int64 => JsonValue.Create(unchecked((long)raw)),
        FieldKind.Boolean => JsonValue.Create(raw != 0),
        _ => throw new InvalidOperationException($"field kind {kind} is not a varint"),
    };

    private static bool IsZero(FieldKind kind, JsonNode value) => kind switch
    {
        FieldKind.Text or FieldKind.Bytes => value.GetValue<string>().Length == 0,
        FieldKind.Int32 => value.GetValue<int>() == 0,
        FieldKind.Int64 => value.GetValue<long>() == 0,
        FieldKind.Boolean => !value.GetValue<bool>(),
        // A message that is on the wire is a set struct or pointer; Go writes it even when empty.
        _ => false,
    };

    private static JsonNode? ZeroValue(ProtoField field) => field.Kind switch
    {
        FieldKind.Text or FieldKind.Bytes => JsonValue.Create(string.Empty),
        FieldKind.Quantity => JsonValue.Create("0"),
        FieldKind.Message => new JsonObject(),
        _ => null,
    };

    private static T GetOrAdd<T>(JsonObject target, string name, Func<T> create)
        where T : JsonNode
    {
        if (target[name] is T existing)
        {
            return existing;
        }

        var created = create();
        target[name] = created;
        return created;
    }

    private static void Expect(WireType actual, WireType expected, ProtoField field, ProtoMessage owner)
    {
        if (actual != expected)
        {
            throw ProtobufDecodeException.Malformed(string.Create(
                CultureInfo.InvariantCulture,
                $"field {owner.Name}.{field.JsonName} ({field.Number}) has wire type {(int)actual}, expected {(int)expected}"));
        }
    }

    // Go strings may hold invalid UTF-8; encoding/json writes U+FFFD for it, as this does.
    private static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
