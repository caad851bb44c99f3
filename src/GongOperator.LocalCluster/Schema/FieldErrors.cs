using System.Globalization;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Schema;

/// <summary>
/// Builds <see cref="FieldError"/>s with the cause reasons and message bodies of the Kubernetes
/// 1.28 <c>field.Error</c> types (e.g. <c>Invalid value: "x": detail</c>, <c>Required value</c>).
/// </summary>
internal static class FieldErrors
{
    /// <summary>The field text the server prints for the object itself (a nil path).</summary>
    public const string NilField = "<nil>";

    /// <summary><c>FieldValueRequired</c>: <c>Required value</c>.</summary>
    public static FieldError Required(string field, string detail = "") =>
        new("FieldValueRequired", F(field), WithDetail("Required value", detail));

    /// <summary><c>FieldValueInvalid</c>: <c>Invalid value: &lt;v&gt;: detail</c>.</summary>
    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new("FieldValueInvalid", F(field), WithDetail("Invalid value: " + GoFormat.BadValue(value), detail));

    /// <summary><c>FieldValueTypeInvalid</c>: worded like Invalid (<c>Invalid value: "string": ...</c>).</summary>
    public static FieldError TypeInvalid(string field, JsonNode? value, string detail) =>
        new("FieldValueTypeInvalid", F(field), WithDetail("Invalid value: " + GoFormat.BadValue(value), detail));

    /// <summary><c>FieldValueNotSupported</c>: <c>Unsupported value: "X": supported values: "A", "B"</c>.</summary>
    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<string> supported)
    {
        string detail = string.Join(", ", supported.Select(GoFormat.Quote));
        return new("FieldValueNotSupported", F(field), WithDetail("Unsupported value: " + GoFormat.BadValue(value), detail.Length == 0 ? string.Empty : "supported values: " + detail));
    }

    /// <summary><c>FieldValueTooLong</c>: <c>Too long: may not be longer than N</c> (the 1.28 wording).</summary>
    public static FieldError TooLong(string field, long maxLength) =>
        new("FieldValueTooLong", F(field), maxLength >= 0
            ? "Too long: may not be longer than " + maxLength.ToString(CultureInfo.InvariantCulture)
            : "Too long: value is too long");

    /// <summary><c>FieldValueTooMany</c>: <c>Too many: 5: must have at most 3 items</c>.</summary>
    public static FieldError TooMany(string field, long actual, long max) =>
        new("FieldValueTooMany", F(field), "Too many: " + actual.ToString(CultureInfo.InvariantCulture) + ": " + (max >= 0
            ? "must have at most " + max.ToString(CultureInfo.InvariantCulture) + " items"
            : "has too many items"));

    /// <summary><c>FieldValueDuplicate</c>: <c>Duplicate value: &lt;v&gt;</c>.</summary>
    public static FieldError Duplicate(string field, JsonNode? value) =>
        new("FieldValueDuplicate", F(field), "Duplicate value: " + GoFormat.BadValue(value));

    /// <summary><c>FieldValueForbidden</c>: <c>Forbidden: detail</c>.</summary>
    public static FieldError Forbidden(string field, string detail) =>
        new("FieldValueForbidden", F(field), WithDetail("Forbidden", detail));

    /// <summary>The cause the 1.28 server adds when CEL rules were skipped because of blocking errors.</summary>
    public static FieldError RulesNotChecked() =>
        Invalid(string.Empty, null, "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation");

    private static string F(string field) => field.Length == 0 ? NilField : field;

    private static string WithDetail(string body, string detail) => detail.Length == 0 ? body : body + ": " + detail;
}
