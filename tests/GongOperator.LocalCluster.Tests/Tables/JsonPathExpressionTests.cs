using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Tables;

namespace GongOperator.LocalCluster.Tests.Tables;

public sealed class JsonPathExpressionTests
{
    private static readonly JsonNode Doc = JsonNode.Parse("""
        {"metadata":{"name":"a","creationTimestamp":"2026-11-23T16:59:51Z","annotations":{"example.com/x":"y"}},
         "spec":{"replicas":3,"ports":[{"port":80,"name":"http"},{"port":443,"name":"https"},{"port":8080}],"flag":false},
         "status":{"conditions":[{"type":"Progressing","status":"True"},{"type":"Ready","status":"False"}]}}
        """)!;

    private static string Eval(string path) =>
        "[" + string.Join(",", JsonPathExpression.Parse(path).Evaluate(Doc).Select(n => n?.ToJsonString() ?? "null")) + "]";

    [Theory]
    [InlineData(".spec.replicas", "[3]")]
    [InlineData("{.spec.replicas}", "[3]")]
    [InlineData(".metadata.creationTimestamp", "[\"2026-11-23T16:59:51Z\"]")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "[\"False\"]")]
    [InlineData(".status.conditions[?(@.type=='Progressing')].status", "[\"True\"]")]
    [InlineData(".status.conditions[?(@.type!=\"Ready\")].type", "[\"Progressing\"]")]
    [InlineData(".spec.ports[0].port", "[80]")]
    [InlineData(".spec.ports[-1].port", "[8080]")]
    [InlineData(".spec.ports[*].port", "[80,443,8080]")]
    [InlineData(".spec.ports[0:2].name", "[\"http\",\"https\"]")]
    [InlineData(".spec.ports[?(@.port>100)].port", "[443,8080]")]
    [InlineData(".spec.ports[?(@.name)].port", "[80,443]")]
    [InlineData(".metadata.annotations['example.com/x']", "[\"y\"]")]
    [InlineData(".spec.flag", "[false]")]
    [InlineData(".spec.missing", "[]")]
    [InlineData(".spec.ports[7].port", "[]")]
    [InlineData(".status.conditions[?(@.type==\"Absent\")].status", "[]")]
    [InlineData("$.spec.replicas", "[3]")]
    public void Evaluates_printer_column_paths(string path, string expected) =>
        Assert.Equal(expected, Eval(path));

    [Theory]
    [InlineData(".spec.ports[")]
    [InlineData(".spec.ports[?(@.port=~1)]")]
    [InlineData(".spec.x['unterminated]")]
    public void Malformed_paths_are_rejected(string path) =>
        Assert.Throws<FormatException>(() => JsonPathExpression.Parse(path));
}
