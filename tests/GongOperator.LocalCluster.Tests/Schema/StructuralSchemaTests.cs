using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Schema;

namespace GongOperator.LocalCluster.Tests.Schema;

public sealed class StructuralSchemaTests
{
    private static readonly StructuralSchema Widget = StructuralSchema.Parse(WidgetSchema.Node());

    private static StructuralSchema SchemaWithX(string propertySchema) =>
        StructuralSchema.Parse(WidgetSchema.Obj(
            "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\",\"properties\":{\"x\":" + propertySchema + "}}}}"));

    private static IReadOnlyList<FieldError> ValidateAfterDefaults(StructuralSchema schema, JsonObject obj)
    {
        schema.ApplyDefaults(obj);
        return schema.Validate(obj);
    }

    [Fact]
    public void Recorded_broken_widget_gets_the_pattern_and_enum_causes_worded_as_the_server_does()
    {
        JsonObject obj = WidgetSchema.Obj("""
            {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"broken","namespace":"sample"},
             "spec":{"color":"red","maxReplicas":2,"replicas":8,"size":"huge"}}
            """);

        IReadOnlyList<FieldError> errors = ValidateAfterDefaults(Widget, obj);

        // The recorded answer also has the CEL cause, which this implementation does not evaluate.
        Assert.Equal(
            [
                new FieldError("FieldValueInvalid", "spec.color", "Invalid value: \"red\": spec.color in body should match '^#[0-9a-f]{6}$'"),
                new FieldError("FieldValueNotSupported", "spec.size", "Unsupported value: \"huge\": supported values: \"small\", \"medium\", \"large\""),
            ],
            errors);
    }

    [Fact]
    public void Recorded_broken_widget_2_gets_too_long_maximum_required_and_rules_not_checked_in_the_recorded_order()
    {
        JsonObject obj = WidgetSchema.Obj("""
            {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"broken-2","namespace":"sample"},
             "spec":{"owner":"a-team-name-that-is-much-too-long-for-the-schema","replicas":50,"size":"small"}}
            """);

        IReadOnlyList<FieldError> errors = ValidateAfterDefaults(Widget, obj);

        Assert.Equal(
            [
                new FieldError("FieldValueTooLong", "spec.owner", "Too long: may not be longer than 32"),
                new FieldError("FieldValueInvalid", "spec.replicas", "Invalid value: 50: spec.replicas in body should be less than or equal to 10"),
                new FieldError("FieldValueRequired", "spec.color", "Required value"),
                new FieldError("FieldValueInvalid", "<nil>", "Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"),
            ],
            errors);
    }

    [Fact]
    public void Valid_widget_has_no_errors()
    {
        JsonObject obj = WidgetSchema.Obj("""
            {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"alpha"},
             "spec":{"color":"#3366ff","size":"medium","replicas":3,"maxReplicas":5,"owner":"team-a"},
             "status":{"phase":"Running","observedGeneration":2,"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-11-23T17:00:21Z"}]}}
            """);

        Assert.Empty(ValidateAfterDefaults(Widget, obj));
    }

    [Fact]
    public void Missing_spec_is_required_at_the_root()
    {
        JsonObject obj = WidgetSchema.Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"x"}}""");

        IReadOnlyList<FieldError> errors = Widget.Validate(obj);

        Assert.Equal(new FieldError("FieldValueRequired", "spec", "Required value"), errors[0]);
    }

    [Fact]
    public void Wrong_type_is_reported_as_type_invalid_with_the_json_type_name()
    {
        JsonObject obj = WidgetSchema.Obj("""{"spec":{"color":"#000000","size":"small","replicas":"three"}}""");

        IReadOnlyList<FieldError> errors = Widget.Validate(obj);

        Assert.Contains(new FieldError("FieldValueTypeInvalid", "spec.replicas", "Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""), errors);
    }

    [Fact]
    public void A_float_in_an_integer_field_is_a_number_type_error_but_a_whole_float_passes()
    {
        JsonObject bad = WidgetSchema.Obj("""{"spec":{"color":"#000000","size":"small","replicas":1.5}}""");
        JsonObject whole = WidgetSchema.Obj("""{"spec":{"color":"#000000","size":"small","replicas":2.0}}""");

        Assert.Contains(new FieldError("FieldValueTypeInvalid", "spec.replicas", "Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\""), Widget.Validate(bad));
        Assert.Empty(Widget.Validate(whole));
    }

    [Fact]
    public void Bad_date_time_format_is_type_invalid_with_the_value_quoted()
    {
        JsonObject obj = WidgetSchema.Obj("""
            {"spec":{"color":"#000000","size":"small"},"status":{"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"yesterday"}]}}
            """);

        IReadOnlyList<FieldError> errors = Widget.Validate(obj);

        Assert.Equal(
            new FieldError("FieldValueTypeInvalid", "status.conditions[0].lastTransitionTime", "Invalid value: \"yesterday\": status.conditions[0].lastTransitionTime in body must be of type date-time: \"yesterday\""),
            Assert.Single(errors, e => e.Reason == "FieldValueTypeInvalid"));
    }

    [Fact]
    public void Duplicate_keys_in_a_map_list_are_duplicate_values()
    {
        JsonObject obj = WidgetSchema.Obj("""
            {"spec":{"color":"#000000","size":"small"},"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Ready","status":"False"}]}}
            """);

        Assert.Contains(
            new FieldError("FieldValueDuplicate", "status.conditions[1]", "Duplicate value: map[string]interface {}{\"type\":\"Ready\"}"),
            Widget.Validate(obj));
    }

    [Fact]
    public void Required_and_enum_inside_list_items_use_indexed_paths()
    {
        JsonObject obj = WidgetSchema.Obj("""
            {"spec":{"color":"#000000","size":"small"},"status":{"conditions":[{"type":"Ready","status":"Maybe"},{"status":"True"}]}}
            """);

        IReadOnlyList<FieldError> errors = Widget.Validate(obj);

        Assert.Contains(new FieldError("FieldValueNotSupported", "status.conditions[0].status", "Unsupported value: \"Maybe\": supported values: \"True\", \"False\", \"Unknown\""), errors);
        Assert.Contains(new FieldError("FieldValueRequired", "status.conditions[1].type", "Required value"), errors);
    }

    [Theory]
    [InlineData("""{"type":"string","minLength":3}""", "\"ab\"", "FieldValueInvalid", "Invalid value: \"ab\": spec.x in body should be at least 3 chars long")]
    [InlineData("""{"type":"string","maxLength":2}""", "\"abc\"", "FieldValueTooLong", "Too long: may not be longer than 2")]
    [InlineData("""{"type":"array","items":{"type":"string"},"minItems":2}""", "[\"a\"]", "FieldValueInvalid", "Invalid value: 1: spec.x in body should have at least 2 items")]
    [InlineData("""{"type":"array","items":{"type":"string"},"maxItems":1}""", "[\"a\",\"b\"]", "FieldValueTooMany", "Too many: 2: must have at most 1 items")]
    [InlineData("""{"type":"integer","minimum":5}""", "4", "FieldValueInvalid", "Invalid value: 4: spec.x in body should be greater than or equal to 5")]
    [InlineData("""{"type":"integer","minimum":5,"exclusiveMinimum":true}""", "5", "FieldValueInvalid", "Invalid value: 5: spec.x in body should be greater than 5")]
    [InlineData("""{"type":"number","maximum":1.5,"exclusiveMaximum":true}""", "1.5", "FieldValueInvalid", "Invalid value: 1.5: spec.x in body should be less than 1.5")]
    [InlineData("""{"type":"integer","multipleOf":3}""", "4", "FieldValueInvalid", "Invalid value: 4: spec.x in body should be a multiple of 3")]
    [InlineData("""{"type":"integer","enum":[1,2]}""", "3", "FieldValueNotSupported", "Unsupported value: 3: supported values: \"1\", \"2\"")]
    [InlineData("""{"type":"string"}""", "null", "FieldValueTypeInvalid", "Invalid value: \"null\": spec.x in body must be of type string: \"null\"")]
    [InlineData("""{"type":"string","format":"uuid"}""", "\"nope\"", "FieldValueTypeInvalid", "Invalid value: \"nope\": spec.x in body must be of type uuid: \"nope\"")]
    [InlineData("""{"type":"array","items":{"type":"string"},"x-kubernetes-list-type":"set"}""", "[\"a\",\"a\"]", "FieldValueDuplicate", "Duplicate value: \"a\"")]
    [InlineData("""{"type":"object","maxProperties":1,"additionalProperties":{"type":"string"}}""", """{"a":"1","b":"2"}""", "FieldValueTooMany", "Too many: 2: must have at most 1 items")]
    [InlineData("""{"type":"object","additionalProperties":{"type":"integer"}}""", """{"a":"1"}""", "FieldValueTypeInvalid", "Invalid value: \"string\": spec.x.a in body must be of type integer: \"string\"")]
    [InlineData("""{"x-kubernetes-int-or-string":true}""", "true", "FieldValueTypeInvalid", "Invalid value: \"boolean\": spec.x in body must be of type integer,string: \"boolean\"")]
    public void Value_validations_are_worded_as_on_the_real_server(string propertySchema, string value, string reason, string message)
    {
        StructuralSchema schema = SchemaWithX(propertySchema);
        JsonObject obj = WidgetSchema.Obj("{\"spec\":{\"x\":" + value + "}}");

        FieldError error = Assert.Single(schema.Validate(obj));

        Assert.Equal(reason, error.Reason);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("""{"type":"string","pattern":"[0-9]+"}""", "\"abc123def\"")]
    [InlineData("""{"type":"string","pattern":"^[[:alpha:]]+$"}""", "\"abcXYZ\"")]
    [InlineData("""{"type":"string","pattern":"^(?P<word>[a-z]+)$"}""", "\"abc\"")]
    [InlineData("""{"type":"string","format":"date-time"}""", "\"2026-11-23T17:00:21.123456Z\"")]
    [InlineData("""{"type":"string","format":"int32"}""", "\"anything\"")]
    [InlineData("""{"type":"string","nullable":true}""", "null")]
    [InlineData("""{"x-kubernetes-int-or-string":true}""", "\"50%\"")]
    [InlineData("""{"x-kubernetes-int-or-string":true}""", "8080")]
    [InlineData("""{"x-kubernetes-preserve-unknown-fields":true}""", """{"any":["thing"]}""")]
    [InlineData("""{"type":"string","format":"ipv4"}""", "\"10.0.0.1\"")]
    [InlineData("""{"type":"string","format":"byte"}""", "\"aGVsbG8=\"")]
    public void Accepted_values_produce_no_errors(string propertySchema, string value)
    {
        StructuralSchema schema = SchemaWithX(propertySchema);

        Assert.Empty(schema.Validate(WidgetSchema.Obj("{\"spec\":{\"x\":" + value + "}}")));
    }

    [Fact]
    public void Any_of_failure_is_reported_on_nil_with_the_quoted_path_then_the_first_alternative()
    {
        StructuralSchema schema = SchemaWithX("""{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}]}""");

        IReadOnlyList<FieldError> errors = schema.Validate(WidgetSchema.Obj("""{"spec":{"x":1.5}}"""));

        Assert.Equal(
            [
                new FieldError("FieldValueTypeInvalid", "spec.x", "Invalid value: \"number\": spec.x in body must be of type integer,string: \"number\""),
                new FieldError("FieldValueInvalid", "<nil>", "Invalid value: \"\": \"spec.x\" must validate at least one schema (anyOf)"),
                new FieldError("FieldValueTypeInvalid", "spec.x", "Invalid value: \"number\": spec.x in body must be of type integer: \"number\""),
            ],
            errors);
    }

    [Fact]
    public void Metadata_name_is_validated_only_through_schema_properties_and_other_metadata_is_ignored()
    {
        StructuralSchema schema = StructuralSchema.Parse(WidgetSchema.Obj("""
            {"type":"object","properties":{"metadata":{"type":"object","properties":{"name":{"type":"string","maxLength":5}}}}}
            """));

        IReadOnlyList<FieldError> errors = schema.Validate(WidgetSchema.Obj("""{"metadata":{"name":"toolong","labels":{"a":"b"}}}"""));

        Assert.Equal(new FieldError("FieldValueTooLong", "metadata.name", "Too long: may not be longer than 5"), Assert.Single(errors));
    }

    [Fact]
    public void Prune_removes_an_unknown_spec_field_and_reports_its_path()
    {
        JsonObject obj = WidgetSchema.Obj("""
            {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"epsilon","anything":1},"spec":{"size":"small","color":"#000000","colour":"#000000"}}
            """);

        IReadOnlyList<string> pruned = Widget.Prune(obj);

        Assert.Equal(["spec.colour"], pruned);
        Assert.False(obj["spec"]!.AsObject().ContainsKey("colour"));
        Assert.Equal(1, (int)obj["metadata"]!["anything"]!);
        Assert.Equal("Widget", (string?)obj["kind"]);
    }

    [Fact]
    public void Prune_reports_unknown_root_and_list_item_fields_with_index_paths()
    {
        JsonObject obj = WidgetSchema.Obj("""
            {"spec":{"size":"small","color":"#000000"},"extra":true,
             "status":{"conditions":[{"type":"Ready","status":"True"},{"type":"X","status":"True","bogus":1}]}}
            """);

        IReadOnlyList<string> pruned = Widget.Prune(obj);

        Assert.Equal(["extra", "status.conditions[1].bogus"], pruned);
        Assert.False(obj.ContainsKey("extra"));
    }

    [Fact]
    public void Prune_keeps_unknown_fields_under_preserve_unknown_fields_but_prunes_known_subtrees()
    {
        StructuralSchema schema = StructuralSchema.Parse(WidgetSchema.Obj("""
            {"type":"object","properties":{"spec":{"type":"object","x-kubernetes-preserve-unknown-fields":true,
              "properties":{"known":{"type":"object","properties":{"a":{"type":"string"}}}}}}}
            """));
        JsonObject obj = WidgetSchema.Obj("""{"spec":{"free":{"deep":[1,2]},"known":{"a":"x","b":"y"}}}""");

        IReadOnlyList<string> pruned = schema.Prune(obj);

        Assert.Equal(["spec.known.b"], pruned);
        Assert.NotNull(obj["spec"]!["free"]);
    }

    [Fact]
    public void Prune_keeps_apiVersion_kind_and_metadata_of_embedded_resources()
    {
        StructuralSchema schema = StructuralSchema.Parse(WidgetSchema.Obj("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{"template":{"type":"object",
              "x-kubernetes-embedded-resource":true,"properties":{"spec":{"type":"object"}}}}}}}
            """));
        JsonObject obj = WidgetSchema.Obj("""{"spec":{"template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{},"junk":1}}}""");

        Assert.Equal(["spec.template.junk"], schema.Prune(obj));
        Assert.Equal("Pod", (string?)obj["spec"]!["template"]!["kind"]);
    }

    [Fact]
    public void ApplyDefaults_fills_replicas_in_spec()
    {
        JsonObject obj = WidgetSchema.Obj("""{"spec":{"size":"small","color":"#000000"}}""");

        Widget.ApplyDefaults(obj);

        Assert.Equal(1, (int)obj["spec"]!["replicas"]!);
    }

    [Fact]
    public void ApplyDefaults_applies_a_default_on_status_itself_and_defaults_inside_it()
    {
        StructuralSchema schema = StructuralSchema.Parse(WidgetSchema.Obj("""
            {"type":"object","properties":{
              "spec":{"type":"object","properties":{"a":{"type":"string"}}},
              "status":{"type":"object","default":{"observedGeneration":0},
                "properties":{"observedGeneration":{"type":"integer","format":"int64"},"phase":{"type":"string","default":"Pending"}}}}}
            """));
        JsonObject obj = WidgetSchema.Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"n"},"spec":{}}""");

        schema.ApplyDefaults(obj);

        Assert.True(JsonNode.DeepEquals(WidgetSchema.Obj("""{"observedGeneration":0,"phase":"Pending"}"""), obj["status"]));
    }

    [Fact]
    public void ApplyDefaults_replaces_null_with_the_default_and_drops_other_non_nullable_nulls()
    {
        StructuralSchema schema = StructuralSchema.Parse(WidgetSchema.Obj("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
              "a":{"type":"string","default":"x"},"b":{"type":"string"},"c":{"type":"string","nullable":true},
              "list":{"type":"array","items":{"type":"object","properties":{"d":{"type":"integer","default":7}}}}}}}}
            """));
        JsonObject obj = WidgetSchema.Obj("""{"spec":{"a":null,"b":null,"c":null,"list":[{},{"d":3}]}}""");

        schema.ApplyDefaults(obj);

        Assert.True(JsonNode.DeepEquals(
            WidgetSchema.Obj("""{"a":"x","c":null,"list":[{"d":7},{"d":3}]}"""),
            obj["spec"]));
    }

    [Fact]
    public void ListMapKeys_finds_map_lists_by_dotted_path_with_or_without_indexes()
    {
        Assert.Equal(["type"], Widget.ListMapKeys("status.conditions"));
        Assert.Equal(["type"], Widget.ListMapKeys(".status.conditions"));
        Assert.Null(Widget.ListMapKeys("spec.size"));
        Assert.Null(Widget.ListMapKeys("spec.nothing"));
        Assert.Equal("string", Widget.Find("status.conditions[0].type")!.Type);
        Assert.Equal("string", Widget.Find("status.conditions.type")!.Type);
        Assert.Equal("map", Widget.ListType("status.conditions"));
    }

    [Fact]
    public void Parse_records_cel_rules_without_evaluating_them()
    {
        ValidationRule rule = Assert.Single(Widget.ValidationRules);

        Assert.True(Widget.HasValidationRules);
        Assert.Equal("spec", rule.Path);
        Assert.Equal("!has(self.maxReplicas) || self.replicas <= self.maxReplicas", rule.Rule);
        Assert.Equal("replicas must not exceed maxReplicas", rule.Message);
    }

    [Fact]
    public void Parse_rejects_an_invalid_pattern()
    {
        Assert.Throws<ArgumentException>(() => StructuralSchema.Parse(WidgetSchema.Obj("""{"type":"object","properties":{"a":{"type":"string","pattern":"[a-"}}}""")));
    }

    [Fact]
    public void Without_cel_rules_blocking_errors_add_no_rules_not_checked_cause()
    {
        StructuralSchema schema = StructuralSchema.Parse(WidgetSchema.Obj("""{"type":"object","required":["spec"],"properties":{"spec":{"type":"object"}}}"""));

        Assert.Equal([new FieldError("FieldValueRequired", "spec", "Required value")], schema.Validate(new JsonObject()));
    }
}
