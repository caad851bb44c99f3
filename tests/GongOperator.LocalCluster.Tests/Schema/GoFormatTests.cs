using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Schema;

namespace GongOperator.LocalCluster.Tests.Schema;

public sealed class GoFormatTests
{
    [Theory]
    [InlineData(10.0, "10")]
    [InlineData(1.5, "1.5")]
    [InlineData(123456.0, "123456")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.25, "-2.25")]
    [InlineData(0.0, "0")]
    public void Float_prints_like_go_percent_v(double value, string expected) =>
        Assert.Equal(expected, GoFormat.Float(value));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("line\nbreak\t", "\"line\\nbreak\\t\"")]
    [InlineData("\u0001", "\"\\x01\"")]
    [InlineData("héllo", "\"héllo\"")]
    [InlineData("a\u00a0b", "\"a\\u00a0b\"")]
    public void Quote_escapes_like_strconv_quote(string value, string expected) =>
        Assert.Equal(expected, GoFormat.Quote(value));

    [Fact]
    public void SharpV_prints_decoded_json_like_go()
    {
        Assert.Equal("map[string]interface {}{\"a\":1, \"b\":[]interface {}{\"x\", true}}", GoFormat.SharpV(JsonNode.Parse("""{"b":["x",true],"a":1}""")));
    }

    [Fact]
    public void Re2_spellings_are_translated_for_dotnet()
    {
        Assert.Equal("(?<n>[0-9A-Za-z_])\\p{L}", Re2Pattern.Translate("(?P<n>[[:word:]])\\pL"));
        Assert.Equal("^[0-9]+[a0-9]\\z", Re2Pattern.Translate("^\\d+[a\\d]$"));
        Assert.Equal("^\\$[$]\\z", Re2Pattern.Translate("^\\$[$]$"));
        Assert.Matches(Re2Pattern.Compile("^[]a]+$"), "a]a");
        Assert.DoesNotMatch(Re2Pattern.Compile("^[a-z]+$"), "abc\n");
        Assert.DoesNotMatch(Re2Pattern.Compile("^\\d+$"), "١٢٣");
    }
}
