using System.Text.Json.Serialization;

namespace GongOperator.GongSimulator;

/// <summary>Which kind of Authorization a call to the simulator carried.</summary>
public enum SimulatedAuthKind
{
    /// <summary>No Authorization header.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>HTTP Basic: access key and access key secret.</summary>
    [JsonStringEnumMemberName("basic")]
    Basic,

    /// <summary>An OAuth Bearer token.</summary>
    [JsonStringEnumMemberName("bearer")]
    Bearer,

    /// <summary>A header with another scheme, or one that could not be decoded.</summary>
    [JsonStringEnumMemberName("other")]
    Other,
}
