using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Schema;

namespace GongOperator.LocalCluster.Tables;

/// <summary>A CRD <c>additionalPrinterColumns</c> entry.</summary>
/// <param name="Name">Column header.</param>
/// <param name="Type">integer, number, string, boolean or date.</param>
/// <param name="Format">Optional format (e.g. name, int32).</param>
/// <param name="Description">Optional description.</param>
/// <param name="Priority">0 for the default view; above 0 shows only with <c>-o wide</c>.</param>
/// <param name="JsonPath">Simple JSONPath evaluated against each object.</param>
internal sealed record PrinterColumn(string Name, string Type, string? Format, string? Description, int Priority, string JsonPath)
{
    /// <summary>Reads a CRD version's <c>additionalPrinterColumns</c> array (null or absent → empty).</summary>
    public static IReadOnlyList<PrinterColumn> FromCrd(JsonArray? columns) =>
        columns is null
            ? []
            : columns.OfType<JsonObject>()
                .Select(c => new PrinterColumn(
                    JsonValues.AsString(c["name"]) ?? string.Empty,
                    JsonValues.AsString(c["type"]) ?? "string",
                    JsonValues.AsString(c["format"]),
                    JsonValues.AsString(c["description"]),
                    JsonValues.TryGetInt64(c["priority"], out long p) ? (int)p : 0,
                    JsonValues.AsString(c["jsonPath"]) ?? string.Empty))
                .ToList();
}
