using GongOperator.Configuration;

namespace GongOperator.Tests.Configuration;

/// <summary>
/// What a real kube-apiserver (1.28) accepts and refuses as a labelSelector (each case below was sent to one), and the
/// message here naming the part it stumbles on, as the server's "found X, expected: Y" does.
/// </summary>
public sealed class LabelSelectorsTests
{
    [Theory]
    [InlineData("shard=one")]
    [InlineData("shard==one,tier!=db")]
    [InlineData("example.com/shard in (a, b),!canary")]
    [InlineData("env notin (dev),team")]
    [InlineData("weight>5,size<10")]
    [InlineData("shard=")]
    [InlineData("a==")]
    [InlineData("env in ()")]
    [InlineData("x in (foo,,baz),y,z notin ()")]
    [InlineData("in=notin")]
    public void Selectors_the_API_server_accepts_pass(string selector) => Assert.Null(LabelSelectors.Problem(selector));

    [Theory]
    [InlineData("a=(", "found '(', expected: a label value after 'a='")]
    [InlineData("a=b)", "found ')', expected: ',' or the end after 'a=b'")]
    [InlineData("a b", "found 'b', expected: an operator (in, notin, =, ==, !=, > or <) after the key 'a'")]
    [InlineData("a!", "found '!', expected: an operator (in, notin, =, ==, !=, > or <) after the key 'a'")]
    [InlineData("shard in one", "found 'one', expected: '(' after 'shard in'")]
    [InlineData("shard=o ne", "found 'ne', expected: ',' or the end after 'shard=o'")]
    [InlineData("a=b=c", "found '=', expected: ',' or the end after 'a=b'")]
    [InlineData("!a=b", "found '=', expected: ',' or the end after '!a'")]
    [InlineData("a in (b", "found the end, expected: ',' or ')' in the values of 'a'")]
    [InlineData("a in (b c)", "found 'c', expected: ',' or ')' in the values of 'a'")]
    [InlineData("shard=one,,tier=x", "found ',', expected: '!' or a label key after ','")]
    [InlineData("a,", "found the end, expected: '!' or a label key after ','")]
    [InlineData(",a", "found ',', expected: '!' or a label key")]
    [InlineData("weight>five", "'five' after 'weight>' is not a whole number")]
    [InlineData("a <", "found the end, expected: a whole number after 'a <'")]
    [InlineData("-bad=x", "'-bad' is not a label key")]
    [InlineData("Example.com/shard=x", "'Example.com/shard' has a prefix that is not a DNS subdomain")]
    [InlineData("a=-b", "'-b' is not a label value")]
    [InlineData("a in (b,-c)", "'-c' is not a label value")]
    public void Selectors_it_refuses_are_refused_naming_the_part_that_is_wrong(string selector, string problem) =>
        Assert.StartsWith(problem, LabelSelectors.Problem(selector), StringComparison.Ordinal);
}
