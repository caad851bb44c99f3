using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Schema;

/// <summary>
/// Builds the <c>Status</c> bodies and messages the API server returns for schema problems:
/// 422 Invalid with causes, 400 strict decoding errors, and the unknown-field warning text.
/// </summary>
internal static class SchemaStatus
{
    /// <summary>
    /// The message of a 422: <c>Kind.group "name" is invalid: field: msg</c> for one error, and
    /// <c>... is invalid: [a, b]</c> for several (identical texts are listed once, as Go's aggregate does).
    /// </summary>
    public static string InvalidMessage(string kind, string group, string name, IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string qualified = group.Length == 0 ? kind : kind + "." + group;
        string prefix = qualified + " " + GoFormat.Quote(name) + " is invalid";
        List<string> texts = errors.Select(e => e.ToString()).Distinct(StringComparer.Ordinal).ToList();
        return texts.Count switch
        {
            0 => prefix,
            1 => prefix + ": " + texts[0],
            _ => prefix + ": [" + string.Join(", ", texts) + "]",
        };
    }

    /// <summary>The full 422 <c>Status</c> body; <c>details.kind</c> is the Kind (not the plural), as the server sends it.</summary>
    public static JsonObject Invalid(string kind, string group, string name, IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var causes = new JsonArray();
        foreach (FieldError e in errors)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = e.Reason,
                ["message"] = e.Message,
                ["field"] = e.Field,
            });
        }

        var details = new JsonObject();
        if (name.Length > 0)
        {
            details["name"] = name;
        }

        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = kind;
        details["causes"] = causes;

        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = InvalidMessage(kind, group, name, errors),
            ["reason"] = "Invalid",
            ["details"] = details,
            ["code"] = 422,
        };
    }

    /// <summary>
    /// The message of a 400 under <c>fieldValidation=Strict</c>:
    /// <c>Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.colour"</c>.
    /// </summary>
    public static string StrictDecodingMessage(string kind, string version, IReadOnlyList<string> unknownFields)
    {
        ArgumentNullException.ThrowIfNull(unknownFields);
        string list = string.Join(", ", unknownFields.Select(UnknownFieldText));
        return $"{kind} in version {GoFormat.Quote(version)} cannot be handled as a {kind}: strict decoding error: {list}";
    }

    /// <summary>The full 400 BadRequest <c>Status</c> body for unknown fields under Strict.</summary>
    public static JsonObject StrictDecoding(string kind, string version, IReadOnlyList<string> unknownFields) =>
        new()
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = StrictDecodingMessage(kind, version, unknownFields),
            ["reason"] = "BadRequest",
            ["code"] = 400,
        };

    /// <summary>The text for one unknown field: <c>unknown field "spec.colour"</c>.</summary>
    public static string UnknownFieldText(string path) => "unknown field " + GoFormat.Quote(path);

    /// <summary>
    /// A <c>Warning</c> response header value (RFC 7234 code 299, agent "-"), e.g.
    /// <c>299 - "unknown field \"spec.colour\""</c>; one header per unknown field under Warn.
    /// </summary>
    public static string WarningHeaderValue(string text) => "299 - " + GoFormat.Quote(text);
}
