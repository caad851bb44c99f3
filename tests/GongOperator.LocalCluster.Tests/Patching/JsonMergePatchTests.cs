using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Patching;

namespace GongOperator.LocalCluster.Tests.Patching;

public sealed class JsonMergePatchTests
{
    private static JsonNode? Parse(string json) => JsonNode.Parse(json);

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNodes.DeepEquals(Parse(expected), actual), $"expected {expected} but got {actual?.ToJsonString() ?? "null"}");

    [Theory]
    // The examples of RFC 7386 appendix A.
    [InlineData("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}")]
    [InlineData("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}")]
    [InlineData("{\"a\":\"b\"}", "{\"a\":null}", "{}")]
    [InlineData("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}")]
    [InlineData("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}")]
    [InlineData("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}")]
    [InlineData("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}")]
    [InlineData("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}")]
    [InlineData("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]")]
    [InlineData("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]")]
    [InlineData("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}")]
    [InlineData("[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}")]
    [InlineData("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}")]
    public void Applies_the_RFC_7386_examples(string target, string patch, string expected)
    {
        AssertJson(expected, JsonMergePatch.Apply(Parse(target), Parse(patch)));
    }

    [Fact]
    public void A_null_patch_replaces_the_document_with_null()
    {
        Assert.Null(JsonMergePatch.Apply(Parse("{\"a\":1}"), null));
    }

    [Fact]
    public void A_missing_target_is_treated_as_an_empty_object()
    {
        AssertJson("{\"a\":{\"b\":1}}", JsonMergePatch.Apply(null, Parse("{\"a\":{\"b\":1,\"c\":null}}")));
    }

    [Fact]
    public void Neither_input_is_mutated()
    {
        var target = Parse("{\"metadata\":{\"labels\":{\"app\":\"shop\",\"tier\":\"backend\"}},\"spec\":{\"replicas\":1}}");
        var patch = Parse("{\"metadata\":{\"labels\":{\"tier\":null,\"touched\":\"first\"}},\"spec\":{\"replicas\":3}}");
        var targetText = target!.ToJsonString();
        var patchText = patch!.ToJsonString();

        var result = JsonMergePatch.Apply(target, patch);

        Assert.Equal(targetText, target.ToJsonString());
        Assert.Equal(patchText, patch.ToJsonString());
        AssertJson("{\"metadata\":{\"labels\":{\"app\":\"shop\",\"touched\":\"first\"}},\"spec\":{\"replicas\":3}}", result);
        result!["spec"]!["replicas"] = 9;
        Assert.Equal(patchText, patch.ToJsonString());
    }

    [Fact]
    public void Adding_a_label_to_a_widget_keeps_the_other_labels_as_the_recorded_server_did()
    {
        var live = Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"beta","labels":{"app":"shop","tier":"backend"}},"spec":{"size":"small"}}""");

        var result = JsonMergePatch.Apply(live, Parse("""{"metadata":{"labels":{"touched":"first"}}}"""));

        AssertJson("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"beta","labels":{"app":"shop","tier":"backend","touched":"first"}},"spec":{"size":"small"}}""", result);
        Assert.True(JsonNodes.DeepEquals(result, JsonMergePatch.Apply(result, Parse("""{"metadata":{"labels":{"touched":"first"}}}"""))));
    }
}
