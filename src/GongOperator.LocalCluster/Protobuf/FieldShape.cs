namespace GongOperator.LocalCluster.Protobuf;

/// <summary>Whether a field holds one value, a list, or a map&lt;string, V&gt;.</summary>
internal enum FieldShape
{
    Single,
    Repeated,

    /// <summary>A map: on the wire, repeated entry messages {key = 1; value = 2}.</summary>
    Map,

    /// <summary>
    /// A Go embedded struct (gogo "inline" field, e.g. Probe.handler, Volume.volumeSource,
    /// ConfigMapKeySelector.localObjectReference): its fields are written into the parent object.
    /// </summary>
    Inline,
}
