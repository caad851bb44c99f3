using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Patching;

namespace GongOperator.LocalCluster.Tests.Patching;

public sealed class JsonPatchTests
{
    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNodes.DeepEquals(Parse(expected), actual), $"expected {expected} but got {actual?.ToJsonString() ?? "null"}");

    private static JsonNode Apply(string target, string patch) => JsonPatch.Apply(Parse(target), Parse(patch));

    [Theory]
    [InlineData("{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]", "{\"foo\":\"bar\",\"baz\":\"qux\"}")]
    [InlineData("{\"foo\":[\"bar\",\"baz\"]}", "[{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}]", "{\"foo\":[\"bar\",\"qux\",\"baz\"]}")]
    [InlineData("{\"foo\":[\"bar\"]}", "[{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":[\"abc\",\"def\"]}]", "{\"foo\":[\"bar\",[\"abc\",\"def\"]]}")]
    [InlineData("{\"baz\":\"qux\",\"foo\":\"bar\"}", "[{\"op\":\"remove\",\"path\":\"/baz\"}]", "{\"foo\":\"bar\"}")]
    [InlineData("{\"foo\":[\"bar\",\"qux\",\"baz\"]}", "[{\"op\":\"remove\",\"path\":\"/foo/1\"}]", "{\"foo\":[\"bar\",\"baz\"]}")]
    [InlineData("{\"baz\":\"qux\",\"foo\":\"bar\"}", "[{\"op\":\"replace\",\"path\":\"/baz\",\"value\":\"boo\"}]", "{\"baz\":\"boo\",\"foo\":\"bar\"}")]
    [InlineData("{\"foo\":{\"bar\":\"baz\",\"waldo\":\"fred\"},\"qux\":{\"corge\":\"grault\"}}", "[{\"op\":\"move\",\"from\":\"/foo/waldo\",\"path\":\"/qux/thud\"}]", "{\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\",\"thud\":\"fred\"}}")]
    [InlineData("{\"foo\":[\"all\",\"grass\",\"cows\",\"eat\"]}", "[{\"op\":\"move\",\"from\":\"/foo/1\",\"path\":\"/foo/3\"}]", "{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}")]
    [InlineData("{\"foo\":{\"bar\":1}}", "[{\"op\":\"copy\",\"from\":\"/foo\",\"path\":\"/baz\"}]", "{\"foo\":{\"bar\":1},\"baz\":{\"bar\":1}}")]
    [InlineData("{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}", "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"qux\"},{\"op\":\"test\",\"path\":\"/foo/1\",\"value\":2}]", "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}")]
    [InlineData("{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/child\",\"value\":{\"grandchild\":{}}}]", "{\"foo\":\"bar\",\"child\":{\"grandchild\":{}}}")]
    [InlineData("{\"foo\":\"bar\"}", "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":null}]", "{\"foo\":\"bar\",\"baz\":null}")]
    [InlineData("{\"foo\":1}", "[{\"op\":\"add\",\"path\":\"\",\"value\":[1]}]", "[1]")]
    [InlineData("{\"foo\":1}", "[{\"op\":\"test\",\"path\":\"/foo\",\"value\":1.0}]", "{\"foo\":1}")]
    [InlineData("{}", "[]", "{}")]
    public void Applies_the_RFC_6902_examples(string target, string patch, string expected)
    {
        AssertJson(expected, Apply(target, patch));
    }

    [Fact]
    public void Pointer_escapes_tilde_zero_and_tilde_one_address_keys_with_tildes_and_slashes()
    {
        var result = Apply(
            """{"metadata":{"annotations":{"a/b":"1","m~n":"2"}}}""",
            """[{"op":"replace","path":"/metadata/annotations/a~1b","value":"x"},{"op":"remove","path":"/metadata/annotations/m~0n"},{"op":"add","path":"/metadata/annotations/example.com~1c~01","value":"y"}]""");

        AssertJson("""{"metadata":{"annotations":{"a/b":"x","example.com/c~1":"y"}}}""", result);
    }

    [Fact]
    public void Removing_the_finalizers_of_a_terminating_widget_works_as_recorded()
    {
        var result = Apply(
            """{"metadata":{"name":"gamma","finalizers":["example.com/cleanup"],"deletionTimestamp":"2026-11-23T17:00:32Z"},"spec":{"size":"small"}}""",
            """[{"op":"remove","path":"/metadata/finalizers"}]""");

        AssertJson("""{"metadata":{"name":"gamma","deletionTimestamp":"2026-11-23T17:00:32Z"},"spec":{"size":"small"}}""", result);
    }

    [Fact]
    public void A_failed_test_operation_is_a_failed_operation_not_a_malformed_patch()
    {
        // Recorded: [{"op":"test","path":"/spec/size","value":"tiny"}] on a small widget → 422 Invalid.
        var error = Assert.Throws<PatchException>(() => Apply("""{"spec":{"size":"small"}}""", """[{"op":"test","path":"/spec/size","value":"tiny"}]"""));

        Assert.False(error.IsMalformed);
        Assert.Equal("testing value /spec/size failed: test failed", error.Message);
        Assert.Equal("the server rejected our request due to an error in our request", JsonPatch.FailedOperationServerMessage);
    }

    [Theory]
    [InlineData("{\"a\":1}", "[{\"op\":\"remove\",\"path\":\"/b\"}]", "remove operation does not apply: doc is missing path: \"/b\": missing value")]
    [InlineData("{\"a\":1}", "[{\"op\":\"replace\",\"path\":\"/b\",\"value\":1}]", "replace operation does not apply: doc is missing key: /b: missing value")]
    [InlineData("{\"a\":1}", "[{\"op\":\"add\",\"path\":\"/b/c\",\"value\":1}]", "add operation does not apply: doc is missing path: \"/b/c\": missing value")]
    [InlineData("{\"a\":1}", "[{\"op\":\"move\",\"from\":\"/b\",\"path\":\"/c\"}]", "move operation does not apply: doc is missing from path: /b: missing value")]
    [InlineData("{\"a\":1}", "[{\"op\":\"copy\",\"from\":\"/b\",\"path\":\"/c\"}]", "copy operation does not apply: doc is missing from path: /b: missing value")]
    [InlineData("{\"a\":[1]}", "[{\"op\":\"add\",\"path\":\"/a/5\",\"value\":1}]", "Unable to access invalid index: 5: invalid index referenced")]
    [InlineData("{\"a\":[1]}", "[{\"op\":\"remove\",\"path\":\"/a/1\"}]", "Unable to access invalid index: 1: invalid index referenced")]
    [InlineData("{\"a\":[1]}", "[{\"op\":\"remove\",\"path\":\"/a/01\"}]", "Unable to access invalid index: 01: invalid index referenced")]
    [InlineData("{\"a\":1}", "[{\"op\":\"frobnicate\",\"path\":\"/a\"}]", "Unexpected kind: frobnicate")]
    [InlineData("{\"a\":1}", "[{\"path\":\"/a\"}]", "Unexpected kind: unknown")]
    [InlineData("{\"a\":1}", "[{\"op\":\"remove\"}]", "operation missing path field: missing value")]
    [InlineData("{\"a\":1}", "[{\"op\":\"test\",\"path\":\"/b\",\"value\":1}]", "testing value /b failed: test failed")]
    public void Operations_that_do_not_apply_throw_a_failed_operation_error(string target, string patch, string message)
    {
        var error = Assert.Throws<PatchException>(() => Apply(target, patch));

        Assert.False(error.IsMalformed);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("{\"op\":\"add\",\"path\":\"/a\",\"value\":1}", "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp")]
    [InlineData("\"text\"", "error decoding patch: json: cannot unmarshal string into Go value of type []handlers.jsonPatchOp")]
    [InlineData("[1]", "error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp")]
    [InlineData("[[]]", "error decoding patch: json: cannot unmarshal array into Go value of type handlers.jsonPatchOp")]
    [InlineData("[{\"op\":5,\"path\":\"/a\"}]", "error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string")]
    [InlineData("[{\"op\":\"remove\",\"path\":[\"a\"]}]", "error decoding patch: json: cannot unmarshal array into Go struct field jsonPatchOp.path of type string")]
    public void A_document_that_does_not_decode_as_a_list_of_operations_is_malformed(string patch, string message)
    {
        var error = Assert.Throws<PatchException>(() => Apply("{}", patch));

        Assert.True(error.IsMalformed);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_failing_operation_leaves_the_target_untouched_and_operations_are_atomic()
    {
        var target = Parse("""{"a":1,"b":2}""");

        Assert.Throws<PatchException>(() => JsonPatch.Apply(target, Parse("""[{"op":"remove","path":"/a"},{"op":"remove","path":"/zzz"}]""")));

        AssertJson("""{"a":1,"b":2}""", target);
    }

    [Fact]
    public void The_inputs_are_not_mutated_and_values_are_copied()
    {
        var target = Parse("""{"list":[{"x":1}]}""");
        var patch = Parse("""[{"op":"add","path":"/copy","value":{"y":2}},{"op":"copy","from":"/list/0","path":"/first"}]""");
        var patchText = patch.ToJsonString();

        var result = JsonPatch.Apply(target, patch);
        result["copy"]!["y"] = 3;
        result["first"]!["x"] = 4;

        Assert.Equal(patchText, patch.ToJsonString());
        AssertJson("""{"list":[{"x":1}]}""", target);
        AssertJson("""{"list":[{"x":1}],"copy":{"y":3},"first":{"x":4}}""", result);
    }

    [Fact]
    public void A_test_for_null_matches_a_missing_member_as_the_Go_library_does()
    {
        AssertJson("""{"a":1}""", Apply("""{"a":1}""", """[{"op":"test","path":"/b","value":null}]"""));
    }

    [Fact]
    public void Moving_a_value_into_its_own_child_fails()
    {
        var error = Assert.Throws<PatchException>(() => Apply("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]"""));

        Assert.False(error.IsMalformed);
    }
}
