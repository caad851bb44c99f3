using GongOperator.Configuration;

namespace GongOperator.Tests.Configuration;

public sealed class LabelSelectorsTests
{
    [Theory]
    [InlineData("shard=one")]
    [InlineData("shard==one,tier!=db")]
    [InlineData("example.com/shard in (a, b),!canary")]
    [InlineData("env notin (dev),team")]
    [InlineData("weight>5,size<10")]
    [InlineData("shard=")]
    public void Selectors_the_API_server_accepts_pass(string selector) => Assert.Null(LabelSelectors.Problem(selector));

    [Theory]
    [InlineData("shard in one")]
    [InlineData("shard=o ne")]
    [InlineData("-bad=x")]
    [InlineData("shard=one,,tier=x")]
    [InlineData("Example.com/shard=x")]
    [InlineData("env in ()")]
    [InlineData("weight>five")]
    [InlineData("a b")]
    public void Selectors_it_refuses_are_refused_with_a_reason(string selector) => Assert.NotNull(LabelSelectors.Problem(selector));
}
