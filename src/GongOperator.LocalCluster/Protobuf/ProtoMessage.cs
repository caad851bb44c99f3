namespace GongOperator.LocalCluster.Protobuf;

/// <summary>
/// The schema of one protobuf message: field number → JSON name, kind and shape. Built with the
/// fluent methods below, one call per field, in the order of the message's generated.proto.
/// </summary>
internal sealed class ProtoMessage
{
    private readonly Dictionary<int, ProtoField> _fields = [];

    public ProtoMessage(string name) => Name = name;

    /// <summary>The protobuf message name, for error messages and tests.</summary>
    public string Name { get; }

    public IReadOnlyCollection<ProtoField> Fields => _fields.Values;

    public bool TryGetField(int number, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ProtoField? field) =>
        _fields.TryGetValue(number, out field);

    public ProtoMessage Str(int number, string json, bool keepZero = false) =>
        Add(number, json, FieldKind.Text, FieldShape.Single, null, keepZero);

    public ProtoMessage StrList(int number, string json) =>
        Add(number, json, FieldKind.Text, FieldShape.Repeated, null, false);

    public ProtoMessage StrMap(int number, string json) =>
        Add(number, json, FieldKind.Text, FieldShape.Map, null, false);

    public ProtoMessage Bytes(int number, string json) =>
        Add(number, json, FieldKind.Bytes, FieldShape.Single, null, false);

    public ProtoMessage BytesMap(int number, string json) =>
        Add(number, json, FieldKind.Bytes, FieldShape.Map, null, false);

    public ProtoMessage Flag(int number, string json, bool keepZero = false) =>
        Add(number, json, FieldKind.Boolean, FieldShape.Single, null, keepZero);

    public ProtoMessage I32(int number, string json, bool keepZero = false) =>
        Add(number, json, FieldKind.Int32, FieldShape.Single, null, keepZero);

    public ProtoMessage I64(int number, string json, bool keepZero = false) =>
        Add(number, json, FieldKind.Int64, FieldShape.Single, null, keepZero);

    public ProtoMessage I64List(int number, string json) =>
        Add(number, json, FieldKind.Int64, FieldShape.Repeated, null, false);

    public ProtoMessage Nested(int number, string json, ProtoMessage message) =>
        Add(number, json, FieldKind.Message, FieldShape.Single, Require(message, json), false);

    public ProtoMessage NestedList(int number, string json, ProtoMessage message) =>
        Add(number, json, FieldKind.Message, FieldShape.Repeated, Require(message, json), false);

    public ProtoMessage NestedMap(int number, string json, ProtoMessage message) =>
        Add(number, json, FieldKind.Message, FieldShape.Map, Require(message, json), false);

    public ProtoMessage I32List(int number, string json) =>
        Add(number, json, FieldKind.Int32, FieldShape.Repeated, null, false);

    /// <summary>An embedded struct whose JSON fields sit in this object (the name is only for errors).</summary>
    public ProtoMessage Inline(int number, string goName, ProtoMessage message) =>
        Add(number, goName, FieldKind.Message, FieldShape.Inline, Require(message, goName), false);

    public ProtoMessage Time(int number, string json) =>
        Add(number, json, FieldKind.Time, FieldShape.Single, null, false);

    public ProtoMessage TimeMap(int number, string json) =>
        Add(number, json, FieldKind.Time, FieldShape.Map, null, false);

    public ProtoMessage MicroTime(int number, string json) =>
        Add(number, json, FieldKind.MicroTime, FieldShape.Single, null, false);

    public ProtoMessage Quantity(int number, string json) =>
        Add(number, json, FieldKind.Quantity, FieldShape.Single, null, false);

    public ProtoMessage QuantityMap(int number, string json) =>
        Add(number, json, FieldKind.Quantity, FieldShape.Map, null, false);

    public ProtoMessage IntOrString(int number, string json) =>
        Add(number, json, FieldKind.IntOrString, FieldShape.Single, null, false);

    public ProtoMessage FieldsV1(int number, string json) =>
        Add(number, json, FieldKind.FieldsV1, FieldShape.Single, null, false);

    public ProtoMessage RawExtension(int number, string json) =>
        Add(number, json, FieldKind.RawExtension, FieldShape.Single, null, false);

    public ProtoMessage RawExtensionList(int number, string json) =>
        Add(number, json, FieldKind.RawExtension, FieldShape.Repeated, null, false);

    public override string ToString() => Name;

    // Schemas are static fields initialised in text order; a message used before it is defined
    // would be null here, so fail at start-up rather than at the first request.
    private ProtoMessage Require(ProtoMessage? message, string json) =>
        message ?? throw new InvalidOperationException(
            $"schema {Name}.{json} refers to a message that is not defined yet (static field order)");

    private ProtoMessage Add(int number, string json, FieldKind kind, FieldShape shape, ProtoMessage? message, bool keepZero)
    {
        if (!_fields.TryAdd(number, new ProtoField(number, json, kind, shape, message, keepZero)))
        {
            throw new InvalidOperationException($"schema {Name} defines field {number} twice");
        }

        return this;
    }
}
