using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Patching;

/// <summary>One decoded <c>metadata.managedFields</c> entry; <see cref="Time"/> keeps the text it was written with.</summary>
internal sealed class ManagedFieldsEntry
{
    public const string ApplyOperation = "Apply";
    public const string UpdateOperation = "Update";

    public required string Manager { get; init; }

    public required string Operation { get; init; }

    public string? ApiVersion { get; set; }

    public string? Time { get; set; }

    public string? Subresource { get; init; }

    public required FieldSet Fields { get; set; }

    /// <summary>Whether this entry is the one a writer with these properties owns (the server's manager identifier).</summary>
    public bool Is(string manager, string operation, string? subresource, string? apiVersion) =>
        Manager == manager && Operation == operation && (Subresource ?? string.Empty) == (subresource ?? string.Empty)
        && (operation == ApplyOperation || (ApiVersion ?? string.Empty) == (apiVersion ?? string.Empty));

    /// <summary>How the server names this manager in conflict messages.</summary>
    public string Describe()
    {
        var text = GoJson.Quote(Manager);
        if (!string.IsNullOrEmpty(Subresource))
        {
            text += " with subresource " + GoJson.Quote(Subresource);
        }

        return Operation == UpdateOperation ? $"{text} using {ApiVersion}" : text;
    }

    /// <summary>Reads the entries of an object's <c>metadata.managedFields</c>; null when absent or not readable.</summary>
    public static List<ManagedFieldsEntry>? Decode(JsonObject? obj)
    {
        if (obj?["metadata"] is not JsonObject metadata || !metadata.TryGetPropertyValue("managedFields", out var node))
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            return null;
        }

        var entries = new List<ManagedFieldsEntry>();
        foreach (var item in array)
        {
            if (item is not JsonObject entry)
            {
                return null;
            }

            entries.Add(new ManagedFieldsEntry
            {
                Manager = ReadString(entry, "manager") ?? string.Empty,
                Operation = ReadString(entry, "operation") ?? string.Empty,
                ApiVersion = ReadString(entry, "apiVersion"),
                Time = ReadString(entry, "time"),
                Subresource = ReadString(entry, "subresource"),
                Fields = FieldSet.FromFieldsV1(entry["fieldsV1"]),
            });
        }

        return entries;
    }

    /// <summary>Writes entries the way the server stores them: empty ones dropped, sorted by operation, time, manager, subresource, apiVersion.</summary>
    public static JsonArray Encode(IEnumerable<ManagedFieldsEntry> entries)
    {
        var sorted = entries
            .Where(e => !e.Fields.IsEmpty)
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => UnixSeconds(e.Time))
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion ?? string.Empty, StringComparer.Ordinal);
        var array = new JsonArray();
        foreach (var entry in sorted)
        {
            var obj = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
            };
            if (entry.Time is not null)
            {
                obj["time"] = entry.Time;
            }

            obj["fieldsType"] = "FieldsV1";
            obj["fieldsV1"] = entry.Fields.ToFieldsV1();
            if (!string.IsNullOrEmpty(entry.Subresource))
            {
                obj["subresource"] = entry.Subresource;
            }

            array.Add(obj);
        }

        return array;
    }

    private static long UnixSeconds(string? time) =>
        time is not null && DateTimeOffset.TryParse(time, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUnixTimeSeconds()
            : 0;

    private static string? ReadString(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;
}
