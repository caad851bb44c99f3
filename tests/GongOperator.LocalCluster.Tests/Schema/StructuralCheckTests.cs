using GongOperator.LocalCluster.Schema;

namespace GongOperator.LocalCluster.Tests.Schema;

public sealed class StructuralCheckTests
{
    [Fact]
    public void The_recorded_widget_schema_is_structural() =>
        Assert.Empty(StructuralCheck.Check(WidgetSchema.Node()));

    [Fact]
    public void A_property_without_type_is_required_to_have_one()
    {
        IReadOnlyList<FieldError> errors = StructuralCheck.Check(WidgetSchema.Obj("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{"divisor":{"description":"no type"}}}}}
            """));

        Assert.Equal(
            [new FieldError("FieldValueRequired", "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[divisor].type", "Required value: must not be empty for specified object fields")],
            errors);
    }

    [Fact]
    public void Types_inside_junctors_are_forbidden_except_the_int_or_string_pattern()
    {
        IReadOnlyList<FieldError> bad = StructuralCheck.Check(WidgetSchema.Obj("""
            {"type":"object","properties":{"port":{"anyOf":[{"type":"integer"},{"type":"string"}]}}}
            """));
        IReadOnlyList<FieldError> good = StructuralCheck.Check(WidgetSchema.Obj("""
            {"type":"object","properties":{"port":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}]}}}
            """));

        Assert.Contains(new FieldError("FieldValueForbidden", "spec.versions[0].schema.openAPIV3Schema.properties[port].anyOf[0].type", "Forbidden: must be empty to be structural"), bad);
        Assert.Contains(new FieldError("FieldValueRequired", "spec.versions[0].schema.openAPIV3Schema.properties[port].type", "Required value: must not be empty for specified object fields"), bad);
        Assert.Empty(good);
    }

    [Fact]
    public void Root_must_be_an_object_and_arrays_need_typed_items()
    {
        IReadOnlyList<FieldError> errors = StructuralCheck.Check(
            WidgetSchema.Obj("""{"type":"string","properties":{"list":{"type":"array"},"other":{"type":"array","items":{}}}}"""),
            "openAPIV3Schema");

        Assert.Equal(
            [
                new FieldError("FieldValueInvalid", "openAPIV3Schema.type", "Invalid value: \"string\": must be object at the root"),
                new FieldError("FieldValueRequired", "openAPIV3Schema.properties[list].items", "Required value: must be specified"),
                new FieldError("FieldValueRequired", "openAPIV3Schema.properties[other].items.type", "Required value: must not be empty for specified array items"),
            ],
            errors);
    }

    [Fact]
    public void Preserve_unknown_fields_nodes_need_no_type_but_false_is_invalid()
    {
        Assert.Empty(StructuralCheck.Check(WidgetSchema.Obj("""{"type":"object","properties":{"free":{"x-kubernetes-preserve-unknown-fields":true}}}""")));
        Assert.Contains(
            new FieldError("FieldValueInvalid", "spec.versions[0].schema.openAPIV3Schema.properties[free].x-kubernetes-preserve-unknown-fields", "Invalid value: false: must be true or undefined"),
            StructuralCheck.Check(WidgetSchema.Obj("""{"type":"object","properties":{"free":{"type":"object","x-kubernetes-preserve-unknown-fields":false}}}""")));
    }

    [Fact]
    public void Metadata_may_only_restrict_name_and_generate_name()
    {
        IReadOnlyList<FieldError> errors = StructuralCheck.Check(WidgetSchema.Obj("""
            {"type":"object","properties":{"metadata":{"type":"object","properties":{"name":{"type":"string","maxLength":20},"labels":{"type":"object"}}}}}
            """));

        Assert.Equal([new FieldError("FieldValueForbidden", "spec.versions[0].schema.openAPIV3Schema.properties[metadata].properties[labels]", "Forbidden: must not be specified")], errors);
    }
}
