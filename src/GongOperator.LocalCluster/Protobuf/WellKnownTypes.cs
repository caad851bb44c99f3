using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Protobuf;

/// <summary>
/// The apimachinery types whose JSON form is not a plain object: Time, MicroTime, Quantity,
/// IntOrString, and the single-bytes wrappers FieldsV1 and RawExtension.
/// </summary>
internal static class WellKnownTypes
{
    // Go's time.Time covers years 1..9999 in RFC 3339; so does DateTimeOffset.
    private static readonly long MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>
    /// metav1.Time: Go writes a zero time as an empty message and JSON null, so an empty message
    /// gives null (the field is left out). Otherwise whole seconds, as Go keeps only those.
    /// </summary>
    public static JsonNode? Time(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return null;
        }

        var (seconds, _) = ReadTimestamp(data, "Time");
        return JsonValue.Create(DateTimeOffset.FromUnixTimeSeconds(seconds)
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>metav1.MicroTime: RFC 3339 with exactly six fractional digits.</summary>
    public static JsonNode? MicroTime(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return null;
        }

        var (seconds, nanos) = ReadTimestamp(data, "MicroTime");
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
        return JsonValue.Create(time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>resource.Quantity {string = 1}: the string as sent (not re-canonicalised).</summary>
    public static JsonNode Quantity(ReadOnlySpan<byte> data)
    {
        var text = Encoding.UTF8.GetString(SingleBytesField(data, 1, "Quantity"));
        // Go's zero Quantity marshals as "0".
        return JsonValue.Create(text.Length == 0 ? "0" : text);
    }

    /// <summary>intstr.IntOrString {type = 1, intVal = 2, strVal = 3}: type 1 is a string, else an int.</summary>
    public static JsonNode IntOrString(ReadOnlySpan<byte> data)
    {
        long type = 0;
        var intValue = 0;
        var stringValue = string.Empty;
        var reader = new WireReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            switch (number, wireType)
            {
                case (1, WireType.Varint):
                    type = unchecked((long)reader.ReadVarint());
                    break;
                case (2, WireType.Varint):
                    intValue = unchecked((int)reader.ReadVarint());
                    break;
                case (3, WireType.LengthDelimited):
                    stringValue = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                case (1 or 2 or 3, _):
                    throw ProtobufDecodeException.Malformed($"IntOrString field {number} has wire type {(int)wireType}");
                default:
                    reader.Skip(number, wireType);
                    break;
            }
        }

        return type == 1 ? JsonValue.Create(stringValue) : JsonValue.Create(intValue);
    }

    /// <summary>Reads the one bytes/string field <paramref name="number"/> of a wrapper message (last one wins).</summary>
    public static ReadOnlySpan<byte> SingleBytesField(ReadOnlySpan<byte> data, int number, string messageName)
    {
        var result = ReadOnlySpan<byte>.Empty;
        var reader = new WireReader(data);
        while (!reader.AtEnd)
        {
            var (fieldNumber, wireType) = reader.ReadTag();
            if (fieldNumber != number)
            {
                reader.Skip(fieldNumber, wireType);
                continue;
            }

            if (wireType != WireType.LengthDelimited)
            {
                throw ProtobufDecodeException.Malformed($"{messageName} field {number} has wire type {(int)wireType}");
            }

            result = reader.ReadLengthDelimited();
        }

        return result;
    }

    private static (long Seconds, int Nanos) ReadTimestamp(ReadOnlySpan<byte> data, string messageName)
    {
        long seconds = 0;
        var nanos = 0;
        var reader = new WireReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            switch (number, wireType)
            {
                case (1, WireType.Varint):
                    seconds = unchecked((long)reader.ReadVarint());
                    break;
                case (2, WireType.Varint):
                    nanos = unchecked((int)reader.ReadVarint());
                    break;
                case (1 or 2, _):
                    throw ProtobufDecodeException.Malformed($"{messageName} field {number} has wire type {(int)wireType}");
                default:
                    reader.Skip(number, wireType);
                    break;
            }
        }

        if (seconds < MinSeconds || seconds > MaxSeconds || nanos is < 0 or > 999_999_999)
        {
            throw ProtobufDecodeException.Malformed(string.Create(
                CultureInfo.InvariantCulture, $"{messageName} out of range: seconds={seconds} nanos={nanos}"));
        }

        return (seconds, nanos);
    }
}
