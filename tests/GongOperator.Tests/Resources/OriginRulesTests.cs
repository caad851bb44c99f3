using System.Text.RegularExpressions;
using GongOperator.Resources;

namespace GongOperator.Tests.Resources;

public sealed class OriginRulesTests
{
    [Theory]
    [InlineData("https://acme.partner.com")]
    [InlineData("http://localhost:8080")]
    [InlineData("https://a-b.c-d.example")]
    [InlineData("https://x1.partner.com:443")]
    [InlineData("https://x1.partner.com:1")]
    [InlineData("https://x1.partner.com:65535")]
    public void A_plain_origin_is_valid_for_the_operator_and_the_schema_pattern(string origin)
    {
        Assert.Null(OriginRules.Validate(origin));
        Assert.Matches(new Regex(OriginRules.Pattern), origin);
        Assert.Matches(new Regex(OriginRules.HostLengthPattern), origin);
    }

    [Theory]
    [InlineData("ftp://acme.partner.com", "https:// or http://")]
    [InlineData("https://acme.partner.com/", "origin only")]
    [InlineData("https://acme.partner.com/path", "origin only")]
    [InlineData("https://acme.partner.com?q=1", "origin only")]
    [InlineData("https://acme.partner.com#x", "origin only")]
    [InlineData("https://user@acme.partner.com", "user info")]
    [InlineData("https://*.partner.com", "wildcard")]
    [InlineData("https://Acme.partner.com", "lower-case")]
    [InlineData("https://acme.partner.com:0", "invalid port")]
    [InlineData("https://acme.partner.com:70000", "invalid port")]
    [InlineData("https://acme.partner.com:", "invalid port")]
    [InlineData("https://acme.partner.com:080", "leading zero")]
    [InlineData("https://acme.partner.com:65536", "invalid port")]
    [InlineData("https://-acme.partner.com", "invalid host")]
    [InlineData("https://acme..partner.com", "invalid host")]
    [InlineData("", "required")]
    public void A_bad_origin_is_refused_by_both_with_a_sentence_naming_the_problem(string origin, string expected)
    {
        var message = OriginRules.Validate(origin);

        Assert.NotNull(message);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        if (origin.Length > 0)
        {
            Assert.DoesNotMatch(new Regex(OriginRules.Pattern), origin);
        }
    }

    [Fact]
    public void An_origin_longer_than_the_bound_is_refused()
    {
        var origin = "https://" + string.Join('.', Enumerable.Repeat(new string('a', 60), 5));

        Assert.Contains("at most", OriginRules.Validate(origin), StringComparison.Ordinal);
    }
}
