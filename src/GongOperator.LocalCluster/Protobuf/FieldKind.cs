namespace GongOperator.LocalCluster.Protobuf;

/// <summary>What one protobuf field holds and how its JSON form is written.</summary>
internal enum FieldKind
{
    /// <summary>string: a JSON string.</summary>
    Text,

    /// <summary>bytes: a base64 JSON string, as Go writes []byte.</summary>
    Bytes,

    /// <summary>bool varint.</summary>
    Boolean,

    /// <summary>int32 varint (negative values use ten bytes).</summary>
    Int32,

    /// <summary>int64 varint, written as a JSON number.</summary>
    Int64,

    /// <summary>A nested message with its own schema: a JSON object.</summary>
    Message,

    /// <summary>metav1.Time {seconds, nanos}: RFC 3339 in whole seconds.</summary>
    Time,

    /// <summary>metav1.MicroTime {seconds, nanos}: RFC 3339 with six fractional digits.</summary>
    MicroTime,

    /// <summary>resource.Quantity {string}: the quantity string.</summary>
    Quantity,

    /// <summary>intstr.IntOrString {type, intVal, strVal}: a JSON number or string.</summary>
    IntOrString,

    /// <summary>metav1.FieldsV1 {Raw}: the raw JSON embedded as is.</summary>
    FieldsV1,

    /// <summary>runtime.RawExtension {raw}: the raw JSON (or a nested protobuf object) embedded.</summary>
    RawExtension,
}
