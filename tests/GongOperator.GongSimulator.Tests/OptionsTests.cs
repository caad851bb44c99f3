namespace GongOperator.GongSimulator.Tests;

public sealed class OptionsTests
{
    public static TheoryData<string, GongSimulatorOptions, string> InvalidOptions => new()
    {
        { "rate", new GongSimulatorOptions { RatePerSecond = 0 }, "rate per second" },
        { "quota", new GongSimulatorOptions { DailyQuota = 0 }, "daily quota" },
        { "port", new GongSimulatorOptions { Port = 70000 }, "port" },
        { "twice", new GongSimulatorOptions { Companies = [new("a") { BearerTokens = ["t1"] }, new("a") { BearerTokens = ["t2"] }] }, "configured twice" },
        { "no credentials", new GongSimulatorOptions { Companies = [new("a")] }, "no credentials" },
        { "key without secret", new GongSimulatorOptions { Companies = [new("a") { AccessKey = "k" }] }, "both" },
        { "shared key", new GongSimulatorOptions { Companies = [new("a") { AccessKey = "k", AccessKeySecret = "s" }, new("b") { AccessKey = "k", AccessKeySecret = "t" }] }, "another company" },
        { "shared token", new GongSimulatorOptions { Companies = [new("a") { BearerTokens = ["t"] }, new("b") { BearerTokens = ["t"] }] }, "another company" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task Invalid_options_are_refused_before_serving(string why, GongSimulatorOptions options, string expected)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => GongSimulator.StartAsync(options, TestContext.Current.CancellationToken));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{why}: {error.Message}");
    }

    [Fact]
    public void A_company_never_prints_its_secret()
    {
        var company = new SimulatedCompany("acme") { AccessKey = "k", AccessKeySecret = "very-secret-value", BearerTokens = ["very-secret-token"] };

        Assert.Equal("acme", company.ToString());
    }

    [Fact]
    public async Task The_base_address_is_loopback_on_the_port_it_bound()
    {
        await using var simulator = await GongSimulator.StartAsync(new GongSimulatorOptions(), TestContext.Current.CancellationToken);

        Assert.Equal("127.0.0.1", simulator.BaseAddress.Host);
        Assert.NotEqual(0, simulator.BaseAddress.Port);
        Assert.Equal("/", simulator.BaseAddress.AbsolutePath);
    }
}
