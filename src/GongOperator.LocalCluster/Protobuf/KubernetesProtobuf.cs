using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Protobuf;

/// <summary>
/// Decodes Kubernetes protobuf request bodies (<c>application/vnd.kubernetes.protobuf</c>) into the
/// JSON form of the same object, for the built-in kinds listed in <see cref="KindSchemas"/>.
/// </summary>
internal static class KubernetesProtobuf
{
    /// <summary>The media type kubectl and helm use for protobuf bodies.</summary>
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    /// <summary>Every Kubernetes protobuf object starts with these four bytes.</summary>
    public static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    // runtime.Unknown field numbers.
    private const int UnknownTypeMeta = 1;
    private const int UnknownRaw = 2;
    private const int UnknownContentEncoding = 3;
    private const int UnknownContentType = 4;

    // runtime.TypeMeta field numbers.
    private const int TypeMetaApiVersion = 1;
    private const int TypeMetaKind = 2;

    /// <summary>True when the media type (parameters such as charset ignored) is Kubernetes protobuf.</summary>
    public static bool IsProtobufMediaType(string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(mediaType))
        {
            return false;
        }

        var semicolon = mediaType.IndexOf(';', StringComparison.Ordinal);
        var bare = (semicolon < 0 ? mediaType : mediaType[..semicolon]).Trim();
        return string.Equals(bare, MediaType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Decodes a whole request body: the <c>k8s\0</c> magic, then runtime.Unknown whose raw bytes
    /// are the object. Returns the object's JSON form with apiVersion and kind first.
    /// </summary>
    /// <exception cref="ProtobufDecodeException">The body is malformed or its kind has no schema.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        try
        {
            return DecodeEnvelope(body, depth: 0);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException
            or OverflowException or JsonException or IndexOutOfRangeException)
        {
            // Every malformed input has its own check; this only keeps a missed case a 400, not a 500.
            throw new ProtobufDecodeException($"unable to decode protobuf body: {ex.Message}", ex);
        }
    }

    /// <summary>Decodes a magic-prefixed object, also where one is embedded in a RawExtension.</summary>
    internal static JsonObject DecodeEnvelope(ReadOnlySpan<byte> body, int depth)
    {
        if (!body.StartsWith(Magic))
        {
            throw ProtobufDecodeException.Malformed("the body does not start with the Kubernetes protobuf prefix \"k8s\\0\"");
        }

        var envelope = ReadUnknown(body[Magic.Length..]);
        if (envelope.Kind.Length == 0)
        {
            throw ProtobufDecodeException.Malformed("the object has no kind");
        }

        if (envelope.ContentEncoding.Length != 0)
        {
            throw ProtobufDecodeException.Malformed($"unsupported content encoding \"{envelope.ContentEncoding}\"");
        }

        var result = new JsonObject
        {
            ["apiVersion"] = envelope.ApiVersion,
            ["kind"] = envelope.Kind,
        };

        if (IsJsonContentType(envelope.ContentType))
        {
            // runtime.Unknown may carry JSON; nobody sends it that way, but it costs little to accept.
            return MergeJson(result, envelope.Raw);
        }

        if (envelope.ContentType.Length != 0 && !IsProtobufMediaType(envelope.ContentType))
        {
            throw ProtobufDecodeException.Malformed($"unsupported content type \"{envelope.ContentType}\" inside the envelope");
        }

        var schema = KindSchemas.Find(envelope.ApiVersion, envelope.Kind)
            ?? throw ProtobufDecodeException.NoDecoder(envelope.Kind, envelope.ApiVersion);
        ProtobufJsonDecoder.DecodeInto(envelope.Raw, schema, result, depth + 1);
        return result;
    }

    private static Envelope ReadUnknown(ReadOnlySpan<byte> data)
    {
        var apiVersion = string.Empty;
        var kind = string.Empty;
        var raw = ReadOnlySpan<byte>.Empty;
        var contentEncoding = string.Empty;
        var contentType = string.Empty;
        var reader = new WireReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (number is < UnknownTypeMeta or > UnknownContentType)
            {
                reader.Skip(number, wireType);
                continue;
            }

            if (wireType != WireType.LengthDelimited)
            {
                throw ProtobufDecodeException.Malformed($"runtime.Unknown field {number} has wire type {(int)wireType}");
            }

            var value = reader.ReadLengthDelimited();
            switch (number)
            {
                case UnknownTypeMeta:
                    (apiVersion, kind) = ReadTypeMeta(value);
                    break;
                case UnknownRaw:
                    raw = value;
                    break;
                case UnknownContentEncoding:
                    contentEncoding = Encoding.UTF8.GetString(value);
                    break;
                default:
                    contentType = Encoding.UTF8.GetString(value);
                    break;
            }
        }

        return new Envelope(apiVersion, kind, raw, contentEncoding, contentType);
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ReadOnlySpan<byte> data)
    {
        var apiVersion = string.Empty;
        var kind = string.Empty;
        var reader = new WireReader(data);
        while (!reader.AtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (number is TypeMetaApiVersion or TypeMetaKind && wireType == WireType.LengthDelimited)
            {
                var text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                if (number == TypeMetaApiVersion)
                {
                    apiVersion = text;
                }
                else
                {
                    kind = text;
                }
            }
            else if (number is TypeMetaApiVersion or TypeMetaKind)
            {
                throw ProtobufDecodeException.Malformed($"runtime.TypeMeta field {number} has wire type {(int)wireType}");
            }
            else
            {
                reader.Skip(number, wireType);
            }
        }

        return (apiVersion, kind);
    }

    private static bool IsJsonContentType(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var bare = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return string.Equals(bare, "application/json", StringComparison.OrdinalIgnoreCase);
    }

    private static JsonObject MergeJson(JsonObject result, ReadOnlySpan<byte> raw)
    {
        if (ProtobufJsonDecoder.ParseEmbeddedJson(raw, "the envelope") is not JsonObject json)
        {
            throw ProtobufDecodeException.Malformed("the embedded JSON is not an object");
        }

        foreach (var name in json.Select(p => p.Key).ToList())
        {
            if (name is "apiVersion" or "kind")
            {
                continue;
            }

            var node = json[name];
            json.Remove(name);
            result[name] = node;
        }

        return result;
    }

    private readonly ref struct Envelope(
        string apiVersion, string kind, ReadOnlySpan<byte> raw, string contentEncoding, string contentType)
    {
        public string ApiVersion { get; } = apiVersion;

        public string Kind { get; } = kind;

        public ReadOnlySpan<byte> Raw { get; } = raw;

        public string ContentEncoding { get; } = contentEncoding;

        public string ContentType { get; } = contentType;
    }
}
