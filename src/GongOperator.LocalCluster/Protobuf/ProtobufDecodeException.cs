namespace GongOperator.LocalCluster.Protobuf;

/// <summary>A Kubernetes protobuf request body that cannot be turned into JSON; the message suits a 400 Status.</summary>
internal sealed class ProtobufDecodeException : Exception
{
    public ProtobufDecodeException()
        : base("unable to decode protobuf body")
    {
    }

    public ProtobufDecodeException(string message)
        : base(message)
    {
    }

    public ProtobufDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private ProtobufDecodeException(string message, bool unknownKind)
        : base(message) => UnknownKind = unknownKind;

    /// <summary>
    /// True when the body was well formed but names a kind this decoder has no schema for;
    /// the server may answer 415 for it instead of 400.
    /// </summary>
    public bool UnknownKind { get; }

    /// <summary>A malformed body: the message starts with "unable to decode protobuf body: ".</summary>
    internal static ProtobufDecodeException Malformed(string detail) =>
        new($"unable to decode protobuf body: {detail}");

    /// <summary>A well-formed envelope around a kind without a schema here.</summary>
    internal static ProtobufDecodeException NoDecoder(string kind, string apiVersion) =>
        new($"no protobuf decoder for kind {kind} in version {apiVersion}", unknownKind: true);
}
