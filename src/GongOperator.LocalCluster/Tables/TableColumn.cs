using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tables;

/// <summary>One column of a Table: its definition and how a cell is computed from an object at a given time.</summary>
/// <param name="Name">Column header.</param>
/// <param name="Type">Column type as sent in columnDefinitions.</param>
/// <param name="Format">Column format ("" when none).</param>
/// <param name="Description">Column description.</param>
/// <param name="Priority">0 for the default view.</param>
/// <param name="Cell">Computes the cell (null for a missing value).</param>
internal sealed record TableColumn(
    string Name,
    string Type,
    string Format,
    string Description,
    int Priority,
    Func<JsonObject, DateTimeOffset, JsonNode?> Cell)
{
    /// <summary>The <c>columnDefinitions</c> entry.</summary>
    public JsonObject Definition() =>
        new()
        {
            ["name"] = Name,
            ["type"] = Type,
            ["format"] = Format,
            ["description"] = Description,
            ["priority"] = Priority,
        };
}
