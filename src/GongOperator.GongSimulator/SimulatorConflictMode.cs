using System.Text.Json.Serialization;

namespace GongOperator.GongSimulator;

/// <summary>How the simulator answers a registration of an origin it already has.</summary>
public enum SimulatorConflictMode
{
    /// <summary>409 Conflict naming the origin (the documented answer).</summary>
    [JsonStringEnumMemberName("conflict")]
    Conflict,

    /// <summary>200 as if newly registered (the registration keeps its first integrationId).</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,
}
