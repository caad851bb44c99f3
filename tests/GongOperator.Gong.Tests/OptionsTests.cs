using GongOperator.Gong.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GongOperator.Gong.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_are_Gongs_documented_limits_and_the_named_constants()
    {
        var options = new GongClientOptions();

        Assert.Equal(3, options.CallsPerSecond);
        Assert.Equal(10_000, options.DailyQuota);
        Assert.Equal(100, options.MaxBatchSize);
        Assert.Equal(TimeSpan.Zero, options.BatchLinger);
        Assert.Equal(GongClientOptions.DefaultAttemptTimeout, options.AttemptTimeout);
        Assert.Equal(GongClientOptions.DefaultMaxRetries, options.MaxRetries);
        Assert.Equal(RegistrationStrategyKind.Incremental, options.Strategy);
        Assert.True(new GongClientOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Bad_values_fail_at_start_naming_every_bad_option()
    {
        var services = new ServiceCollection();
        services.AddGongClient(o =>
        {
            o.CallsPerSecond = 0;
            o.DailyQuota = -1;
            o.MaxBatchSize = 0;
            o.MaxRetries = 99;
            o.TotalTimeout = TimeSpan.FromMilliseconds(1);
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IGongRegistrar>());

        foreach (var name in new[] { "CallsPerSecond", "DailyQuota", "MaxBatchSize", "MaxRetries", "TotalTimeout" })
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(30_000, true)]
    [InlineData(-1, false)]
    [InlineData(30_001, false)]
    public void The_batch_linger_is_from_zero_to_thirty_seconds(int milliseconds, bool accepted)
    {
        var result = new GongClientOptionsValidator().Validate(null, new GongClientOptions { BatchLinger = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            Assert.Contains("BatchLinger must be between 0 and 30 seconds.", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_fullSet_strategy_is_accepted_and_the_set_size_is_bounded()
    {
        var validator = new GongClientOptionsValidator();

        Assert.True(validator.Validate(null, new GongClientOptions { Strategy = RegistrationStrategyKind.FullSet }).Succeeded);
        var result = validator.Validate(null, new GongClientOptions { Strategy = RegistrationStrategyKind.FullSet, MaxSetSize = 0 });
        Assert.True(result.Failed);
        Assert.Contains("MaxSetSize must be between 1 and 100000.", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_rates_are_the_ones_enforced()
    {
        await using var harness = new GongClientHarness(o =>
        {
            o.CallsPerSecond = 1;
            o.MaxBatchSize = 1;
        });

        await harness.Drive(Enumerable.Range(0, 4).Select(i => harness.Register(Companies.Acme, $"https://t{i}.partner.com")));

        // Four calls at one a second: the fourth cannot have been granted before three seconds had passed on the clock.
        Assert.Equal(4, harness.Gong.Requests.Count);
        Assert.True(harness.Time.GetUtcNow() - GongClientHarness.Start >= TimeSpan.FromSeconds(3));
    }
}
