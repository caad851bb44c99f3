using System.Collections;
using System.CommandLine;
using GongOperator.Configuration;

namespace GongOperator.Tests.Configuration;

public sealed class OperatorOptionsBinderTests
{
    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var (ok, options, _) = Bind([], new Hashtable());

        Assert.True(ok);
        Assert.Equal(4, options.Workers);
        Assert.Equal(0, options.KubeApiQps);
        Assert.Equal(30, options.KubeApiBurst);
        Assert.Equal(TimeSpan.FromHours(24), options.ReassertPeriod);
        Assert.Equal(new Uri("https://api.gong.io"), options.GongBaseUrl);
        Assert.Equal(3, options.GongRatePerSecond);
        Assert.Equal(10_000, options.GongDailyQuota);
        Assert.Equal(100, options.GongBatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.GongPacingMargin);
        Assert.Equal(TimeSpan.FromSeconds(10), options.GongRequestTimeout);
        Assert.Equal(":8080", options.MetricsBindAddress);
        Assert.Equal(":8081", options.HealthProbeBindAddress);
        Assert.False(options.LeaderElect);
        Assert.Empty(options.Namespaces);
    }

    [Fact]
    public void A_flag_wins_over_the_environment_which_wins_over_appsettings()
    {
        var config = Path.Combine(Path.GetTempPath(), $"appsettings-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """{"Operator":{"workers":2,"GongBatchSize":7,"gong-daily-quota":50,"namespaces":["a","b"]}}""");
        try
        {
            var env = new Hashtable { ["GONG_OPERATOR_GONG_BATCH_SIZE"] = "9", ["GONG_OPERATOR_WORKERS"] = "3" };

            var (ok, options, error) = Bind(["--config", config, "--workers", "5", "--leader-elect"], env);

            Assert.True(ok, error);
            Assert.Equal(5, options.Workers);
            Assert.Equal(9, options.GongBatchSize);
            Assert.Equal(50, options.GongDailyQuota);
            Assert.Equal(["a", "b"], options.Namespaces);
            Assert.True(options.LeaderElect);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void A_client_side_kubernetes_limit_is_taken_from_the_two_flags()
    {
        var (ok, options, error) = Bind(["--kube-api-qps", "2.5", "--kube-api-burst", "5"], new Hashtable());

        Assert.True(ok, error);
        Assert.Equal(2.5, options.KubeApiQps);
        Assert.Equal(5, options.KubeApiBurst);
    }

    [Theory]
    [InlineData("--workers", "zero", "--workers: 'zero' is not a whole number")]
    [InlineData("--reassert-period", "soon", "--reassert-period: 'soon' is not a duration")]
    [InlineData("--gong-base-url", "ftp://x", "--gong-base-url: 'ftp://x' is not an http(s) URL")]
    [InlineData("--gong-pacing-margin", "2s", "--gong-pacing-margin: '2s' is not a duration from 0 to 1s")]
    [InlineData("--gong-pacing-margin", "fast", "--gong-pacing-margin: 'fast' is not a duration")]
    [InlineData("--gong-batch-linger", "31s", "--gong-batch-linger: '31s' is not a duration from 0 to 30s")]
    [InlineData("--gong-request-timeout", "10ms", "--gong-request-timeout: '10ms' is not a duration from 0.1s to 5m")]
    [InlineData("--default-credentials-secret", "just-a-name", "is not NAMESPACE/NAME")]
    [InlineData("--registration-strategy", "replace", "use incremental or fullSet")]
    [InlineData("--metrics-bind-address", "eight", "is not an address")]
    [InlineData("--log-format", "xml", "is not one of json, text")]
    [InlineData("--label-selector", "shard in one", "--label-selector: 'shard in one' is not a label selector")]
    [InlineData("--gong-batch-size", "5000", "--gong-batch-size: '5000' is not a whole number from 1 to 1000")]
    [InlineData("--kube-api-qps", "20000", "--kube-api-qps: '20000' is not a number from 0 to 10000")]
    [InlineData("--kube-api-qps", "fast", "--kube-api-qps: 'fast' is not a number from 0 to 10000")]
    [InlineData("--kube-api-burst", "0", "--kube-api-burst: '0' is not a whole number from 1 to 10000")]
    public void A_bad_value_gives_one_line_naming_the_flag(string flag, string value, string expected)
    {
        var (ok, _, error) = Bind([flag, value], new Hashtable());

        Assert.False(ok);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var (ok, _, error) = Bind([], new Hashtable { ["GONG_OPERATOR_GONG_RATE_PER_SECOND"] = "-1" });

        Assert.False(ok);
        Assert.StartsWith("GONG_OPERATOR_GONG_RATE_PER_SECOND:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pacing_margin_request_timeout_and_batch_linger_take_durations()
    {
        var (ok, options, error) = Bind(["--gong-pacing-margin", "120ms", "--gong-request-timeout", "1m", "--gong-batch-linger", "2s"], new Hashtable());

        Assert.True(ok, error);
        Assert.Equal(TimeSpan.FromSeconds(2), options.GongBatchLinger);
        Assert.Equal(TimeSpan.FromMilliseconds(120), options.GongPacingMargin);
        Assert.Equal(TimeSpan.FromMinutes(1), options.GongRequestTimeout);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("90s", 90)]
    [InlineData("1h30m", 5400)]
    [InlineData("24h", 86400)]
    public void Durations_read_as_kubernetes_tools_write_them(string text, int seconds)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
        Assert.True(Durations.TryParse(Durations.Format(value), out var again));
        Assert.Equal(value, again);
    }

    [Fact]
    public void The_settings_given_are_named_whatever_their_source_and_a_default_is_not()
    {
        var config = Path.Combine(Path.GetTempPath(), $"appsettings-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """{"Operator":{"GongOAuthTokenUrl":"https://app.gong.io/oauth2/generate-customer-token"}}""");
        try
        {
            var command = new RootCommand();
            var binder = new OperatorOptionsBinder(command);
            var parse = command.Parse(["--config", config, "--workers", "5"]);

            Assert.True(binder.TryBind(parse, new Hashtable { ["GONG_OPERATOR_OAUTH_STATE_NAMESPACE"] = "tokens" }, new OperatorOptions(), out _, out var given, out _));

            // The file's value equals the default, yet it was given: a command's own default must not replace it.
            Assert.Equal(["gong-oauth-token-url", "oauth-state-namespace", "workers"], given.Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static (bool Ok, OperatorOptions Options, string Error) Bind(string[] args, IDictionary env)
    {
        var command = new RootCommand();
        var binder = new OperatorOptionsBinder(command);
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        var ok = binder.TryBind(parse, env, new OperatorOptions(), out var options, out var error);
        return (ok, options, error);
    }
}
