using System.Text.Json.Serialization;

namespace GongOperator.GongSimulator;

/// <summary>What a POST does to a company's list of origins; Gong does not document which it is.</summary>
public enum SimulatorRegistrationMode
{
    /// <summary>The POST adds its origins to the list (the page's "Add an integration"; an origin already there is a 409 in conflict mode).</summary>
    [JsonStringEnumMemberName("add")]
    Add,

    /// <summary>The POST sets the list to exactly its origins (the body's "set a list of dynamic origins"); an empty list empties it.</summary>
    [JsonStringEnumMemberName("replace")]
    Replace,
}
