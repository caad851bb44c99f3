using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Protobuf;

internal static class JsonAssert
{
    /// <summary>Asserts deep JSON equality (property order ignored), showing both documents on failure.</summary>
    public static void Equal(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"JSON differs.\nExpected: {expected?.ToJsonString()}\nActual:   {actual?.ToJsonString()}");
        }
    }
}
