using System.Collections;
using System.CommandLine;
using GongOperator.Configuration;

namespace GongOperator.Tests.Packaging;

/// <summary>
/// values.schema.json and the operator's own flag parsing agree: the flags rendered from values the schema allows are
/// all taken by <c>gong-operator run</c>'s parser, and values the schema refuses are refused by that parser too.
/// </summary>
public sealed class ChartValuesAgreementTests
{
    /// <summary>How helm starts a values.schema.json refusal.</summary>
    private const string SchemaFailure = "values don't meet the specifications of the schema(s)";

    [Fact]
    public async Task The_lowest_values_the_schema_allows_are_taken_by_the_operator()
    {
        var options = await RenderAndBindAsync(
            "--set", "workers=1",
            "--set", "kubeApi.qps=0",
            "--set", "kubeApi.burst=1",
            "--set-json", "gong.ratePerSecond=0.001",
            "--set", "gong.pacingMarginMilliseconds=0",
            "--set-json", "gong.requestTimeoutSeconds=0.1",
            "--set", "gong.dailyQuota=1",
            "--set", "gong.batchSize=1",
            "--set", "gong.batchLingerMilliseconds=0",
            "--set", "gong.maxSetSize=1",
            "--set", "gong.reassertPeriod=0",
            "--set", "gong.baseUrl=http://127.0.0.1:8080",
            "--set", "logLevel=trace",
            "--set", "logFormat=text",
            "--set", "metrics.port=1",
            "--set", "health.port=1");

        Assert.Equal(1, options.Workers);
        Assert.Equal(0, options.KubeApiQps);
        Assert.Equal(1, options.KubeApiBurst);
        Assert.Equal(0.001, options.GongRatePerSecond);
        Assert.Equal(TimeSpan.Zero, options.GongPacingMargin);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.GongRequestTimeout);
        Assert.Equal(1, options.GongDailyQuota);
        Assert.Equal(1, options.GongBatchSize);
        Assert.Equal(TimeSpan.Zero, options.GongBatchLinger);
        Assert.Equal(1, options.GongMaxSetSize);
        Assert.Equal(TimeSpan.Zero, options.ReassertPeriod);
        Assert.Equal("Trace", options.LogLevel);
    }

    [Fact]
    public async Task The_highest_values_the_schema_allows_are_taken_by_the_operator()
    {
        var options = await RenderAndBindAsync(
            "--set", "workers=256",
            "--set", "kubeApi.qps=10000",
            "--set", "kubeApi.burst=10000",
            "--set", "gong.ratePerSecond=1000",
            "--set", "gong.pacingMarginMilliseconds=1000",
            "--set", "gong.requestTimeoutSeconds=300",
            "--set", "gong.dailyQuota=2147483647",
            "--set", "gong.batchSize=1000",
            "--set", "gong.batchLingerMilliseconds=30000",
            "--set", "gong.maxSetSize=100000",
            "--set", "gong.reassertPeriod=7d",
            "--set", "gong.baseUrl=https://company-17.api.gong.io/a/prefix",
            "--set", "logLevel=Critical",
            "--set", "metrics.port=65535",
            "--set", "health.port=65534",
            "--set", "scope.namespaces={team-a,team-b}",
            "--set", "scope.labelSelector=shard in (a\\,b)",
            "--set", "credentials.existingSecret=gong.credentials-2",
            "--set", "credentials.namespaceSelector=gongoperator.io/default-credentials in (allowed\\,trusted)",
            "--set", "credentials.allowedOriginSuffixes={.acme.partner.com,.globex.partner.com}",
            "--set", "leaderElection.id=gong-operator-shard-1");

        Assert.Equal(256, options.Workers);
        Assert.Equal(10_000, options.KubeApiQps);
        Assert.Equal(10_000, options.KubeApiBurst);
        Assert.Equal(1000, options.GongRatePerSecond);
        Assert.Equal(TimeSpan.FromSeconds(1), options.GongPacingMargin);
        Assert.Equal(TimeSpan.FromMinutes(5), options.GongRequestTimeout);
        Assert.Equal(int.MaxValue, options.GongDailyQuota);
        Assert.Equal(1000, options.GongBatchSize);
        Assert.Equal(TimeSpan.FromSeconds(30), options.GongBatchLinger);
        Assert.Equal(100000, options.GongMaxSetSize);
        Assert.Equal(TimeSpan.FromDays(7), options.ReassertPeriod);
        Assert.Equal(["team-a", "team-b"], options.Namespaces);
        Assert.Equal("shard in (a,b)", options.LabelSelector);
        Assert.Equal("gong-operator-system/gong.credentials-2", options.DefaultCredentialsSecret);
        Assert.Equal("gongoperator.io/default-credentials in (allowed,trusted)", options.DefaultCredentialsNamespaceSelector);
        Assert.Equal([".acme.partner.com", ".globex.partner.com"], options.DefaultAllowedOriginSuffixes);
    }

    [Theory]
    [InlineData("gong.reassertPeriod=1h30m")]
    [InlineData("gong.reassertPeriod=1.5h")]
    [InlineData("gong.reassertPeriod=90s")]
    [InlineData("gong.reassertPeriod=500ms")]
    [InlineData("gong.reassertPeriod=0s")]
    [InlineData("gong.registrationStrategy=incremental")]
    [InlineData("gong.registrationStrategy=fullSet")]
    [InlineData("logLevel=information")]
    [InlineData("logLevel=Warning")]
    [InlineData("logLevel=warn")]
    [InlineData("logLevel=error")]
    public async Task Every_spelling_the_schema_allows_is_taken_by_the_operator(string set)
    {
        await RenderAndBindAsync("--set", set);
    }

    [Theory]
    [InlineData("--set", "gong.registrationStrategy=replace", "--registration-strategy=replace")]
    [InlineData("--set", "gong.maxSetSize=0", "--gong-max-set-size=0")]
    [InlineData("--set", "gong.maxSetSize=100001", "--gong-max-set-size=100001")]
    [InlineData("--set", "gong.reassertPeriod=10us", "--reassert-period=10us")]
    [InlineData("--set", "gong.reassertPeriod=1day", "--reassert-period=1day")]
    [InlineData("--set", "gong.reassertPeriod=-1h", "--reassert-period=-1h")]
    [InlineData("--set", "gong.ratePerSecond=0", "--gong-rate-per-second=0")]
    [InlineData("--set", "gong.ratePerSecond=1001", "--gong-rate-per-second=1001")]
    [InlineData("--set", "gong.pacingMarginMilliseconds=-1", "--gong-pacing-margin=-1ms")]
    [InlineData("--set", "gong.pacingMarginMilliseconds=1001", "--gong-pacing-margin=1001ms")]
    [InlineData("--set-json", "gong.requestTimeoutSeconds=0.05", "--gong-request-timeout=0.05s")]
    [InlineData("--set", "gong.requestTimeoutSeconds=301", "--gong-request-timeout=301s")]
    [InlineData("--set", "gong.dailyQuota=0", "--gong-daily-quota=0")]
    [InlineData("--set", "gong.dailyQuota=2147483648", "--gong-daily-quota=2147483648")]
    [InlineData("--set", "gong.batchSize=1001", "--gong-batch-size=1001")]
    [InlineData("--set", "gong.batchLingerMilliseconds=-1", "--gong-batch-linger=-1ms")]
    [InlineData("--set", "gong.batchLingerMilliseconds=30001", "--gong-batch-linger=30001ms")]
    [InlineData("--set", "workers=0", "--workers=0")]
    [InlineData("--set", "kubeApi.qps=-1", "--kube-api-qps=-1")]
    [InlineData("--set", "kubeApi.qps=10001", "--kube-api-qps=10001")]
    [InlineData("--set", "kubeApi.burst=0", "--kube-api-burst=0")]
    [InlineData("--set", "kubeApi.burst=10001", "--kube-api-burst=10001")]
    [InlineData("--set", "workers=257", "--workers=257")]
    [InlineData("--set", "gong.baseUrl=ftp://api.gong.io", "--gong-base-url=ftp://api.gong.io")]
    [InlineData("--set", "gong.baseUrl=https://api.gong.io/?region=eu", "--gong-base-url=https://api.gong.io/?region=eu")]
    [InlineData("--set", "gong.baseUrl=https://user@api.gong.io", "--gong-base-url=https://user@api.gong.io")]
    [InlineData("--set", "logLevel=verbose", "--log-level=verbose")]
    [InlineData("--set", "logFormat=xml", "--log-format=xml")]
    [InlineData("--set", "scope.namespaces={Team_A}", "--namespaces=Team_A")]
    [InlineData("--set", "credentials.existingSecret=Bad_Name", "--default-credentials-secret=gong-operator-system/Bad_Name")]
    public async Task A_value_the_schema_refuses_is_refused_by_the_operator_too(string helmFlag, string set, string operatorFlag)
    {
        var result = await Renders.HelmTemplateRawAsync(Renders.OperatorChart, Renders.OperatorRelease, Renders.OperatorNamespace, helmFlag, set);

        Assert.True(result.ExitCode != 0 && result.Stderr.Contains(SchemaFailure, StringComparison.Ordinal), $"the schema took {set}: {result}");
        Assert.False(Bind([operatorFlag], out _, out _), $"the operator took {operatorFlag}");
    }

    /// <summary>Renders the chart with the values and binds the operator's container args as <c>gong-operator run</c> does.</summary>
    private static async Task<OperatorOptions> RenderAndBindAsync(params string[] values)
    {
        var objects = await Renders.OperatorAsync(values);
        // The kubelet expands $(POD_NAMESPACE) from the downward API.
        var args = objects.OperatorArgs().Select(a => a.Replace("$(POD_NAMESPACE)", Renders.OperatorNamespace, StringComparison.Ordinal)).ToArray();

        Assert.True(Bind(args, out var options, out var error), $"the operator refused the chart's flags [{string.Join(' ', args)}]: {error}");
        return options;
    }

    private static bool Bind(string[] args, out OperatorOptions options, out string error)
    {
        var command = new RootCommand();
        var binder = new OperatorOptionsBinder(command);
        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            options = new OperatorOptions();
            error = string.Join("; ", parse.Errors.Select(e => e.Message));
            return false;
        }

        return binder.TryBind(parse, new Hashtable(), new OperatorOptions(), out options, out error);
    }
}
