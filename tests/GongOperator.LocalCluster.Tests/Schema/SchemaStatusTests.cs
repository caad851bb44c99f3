using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Schema;

namespace GongOperator.LocalCluster.Tests.Schema;

public sealed class SchemaStatusTests
{
    [Fact]
    public void Invalid_body_for_several_errors_matches_the_recorded_422()
    {
        FieldError[] errors =
        [
            new("FieldValueTooLong", "spec.owner", "Too long: may not be longer than 32"),
            new("FieldValueInvalid", "spec.replicas", "Invalid value: 50: spec.replicas in body should be less than or equal to 10"),
            new("FieldValueRequired", "spec.color", "Required value"),
            new("FieldValueInvalid", "<nil>", "Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"),
        ];

        JsonObject body = SchemaStatus.Invalid("Widget", "example.com", "broken-2", errors);

        const string Recorded = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Widget.example.com \"broken-2\" is invalid: [spec.owner: Too long: may not be longer than 32, spec.replicas: Invalid value: 50: spec.replicas in body should be less than or equal to 10, spec.color: Required value, <nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]","reason":"Invalid","details":{"name":"broken-2","group":"example.com","kind":"Widget","causes":[{"reason":"FieldValueTooLong","message":"Too long: may not be longer than 32","field":"spec.owner"},{"reason":"FieldValueInvalid","message":"Invalid value: 50: spec.replicas in body should be less than or equal to 10","field":"spec.replicas"},{"reason":"FieldValueRequired","message":"Required value","field":"spec.color"},{"reason":"FieldValueInvalid","message":"Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation","field":"<nil>"}]},"code":422}
            """;
        Assert.Equal(Recorded, body.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Invalid_message_for_one_error_has_no_brackets()
    {
        FieldError error = FieldErrors.Invalid("metadata.name", "Not_Valid", "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters");

        string message = SchemaStatus.InvalidMessage("Widget", "example.com", "Not_Valid", [error]);

        Assert.Equal("Widget.example.com \"Not_Valid\" is invalid: metadata.name: Invalid value: \"Not_Valid\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters", message);
    }

    [Fact]
    public void Invalid_body_for_a_core_kind_has_no_group()
    {
        JsonObject body = SchemaStatus.Invalid("ConfigMap", string.Empty, "c", [FieldErrors.Required("data")]);

        Assert.Equal("ConfigMap \"c\" is invalid: data: Required value", (string?)body["message"]);
        Assert.False(body["details"]!.AsObject().ContainsKey("group"));
    }

    [Fact]
    public void Strict_decoding_message_and_warning_match_the_recordings()
    {
        Assert.Equal(
            "Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.colour\"",
            SchemaStatus.StrictDecodingMessage("Widget", "v1", ["spec.colour"]));
        Assert.Equal(
            "299 - \"unknown field \\\"spec.colour\\\"\"",
            SchemaStatus.WarningHeaderValue(SchemaStatus.UnknownFieldText("spec.colour")));
        JsonObject body = SchemaStatus.StrictDecoding("Widget", "v1", ["spec.a", "spec.b"]);
        Assert.Equal(400, (int)body["code"]!);
        Assert.Equal("BadRequest", (string?)body["reason"]);
        Assert.EndsWith("strict decoding error: unknown field \"spec.a\", unknown field \"spec.b\"", (string?)body["message"], StringComparison.Ordinal);
    }
}
