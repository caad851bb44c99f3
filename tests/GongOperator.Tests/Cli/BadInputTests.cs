using GongOperator.Cli;

namespace GongOperator.Tests.Cli;

/// <summary>Every subcommand answers a bad flag or value with one line naming it and exit code 2, never a stack trace.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("local|--port|abc", "--port: 'abc' is not a whole number from 0 to 65535")]
    [InlineData("apiserver|--port|abc", "--port: 'abc' is not a whole number from 0 to 65535")]
    [InlineData("simulator|--port|abc", "--port: 'abc' is not a whole number from 0 to 65535")]
    [InlineData("apiserver|--port|70000", "--port: '70000' is not a whole number from 0 to 65535")]
    [InlineData("simulator|--rate-per-second|abc", "--rate-per-second: 'abc' is not a whole number of at least 1")]
    [InlineData("simulator|--latency-ms|x", "--latency-ms: 'x' is not a whole number of at least 0")]
    [InlineData("simulator|--daily-quota|1e3", "--daily-quota: '1e3' is not a whole number of at least 1")]
    [InlineData("run|--workers|many", "--workers: 'many' is not a whole number from 1 to 256")]
    [InlineData("local|--reassert-period|soon", "--reassert-period: 'soon' is not a duration")]
    [InlineData("run|--label-selector|a=(", "--label-selector: 'a=(' is not a label selector: found '(', expected: a label value after 'a='")]
    public async Task A_bad_value_names_the_flag(string args, string expected)
    {
        var (code, line) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("local|--prot|1", "unknown flag '--prot'; did you mean '--port'?")]
    [InlineData("run|--namespces|a", "unknown flag '--namespces'; did you mean '--namespaces'?")]
    [InlineData("local|--state|x", "unknown flag '--state'; did you mean '--state-dir'?")]
    [InlineData("simulator|--ratepersecond|5", "unknown flag '--ratepersecond'; did you mean '--rate-per-second'?")]
    [InlineData("apiserver|--htps", "unknown flag '--htps'; did you mean '--https'?")]
    [InlineData("lcoal", "unknown command 'lcoal'; did you mean 'local'?")]
    public async Task A_misspelled_flag_or_command_suggests_the_right_one(string args, string expected)
    {
        var (code, line) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flag_like_no_other_gets_no_suggestion()
    {
        var (code, line) = await RunAsync("run|--zzzzzz");

        Assert.Equal(2, code);
        Assert.Equal("gong-operator: unknown flag '--zzzzzz' (see 'gong-operator run --help')", line);
    }

    [Theory]
    [InlineData("run", "{ not json", "is not valid JSON")]
    [InlineData("local", "{\"Operator\": {\"workers\": \"lots\"}}", "Operator:workers: 'lots' is not a whole number from 1 to 256")]
    public async Task A_bad_config_file_is_named(string command, string content, string expected)
    {
        var file = Path.Combine(Path.GetTempPath(), "gong-config-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);
        try
        {
            var (code, line) = await RunAsync($"{command}|--config|{file}");

            Assert.Equal(2, code);
            Assert.Contains(file, line, StringComparison.Ordinal);
            Assert.Contains(expected, line, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_missing_config_file_is_named()
    {
        var (code, line) = await RunAsync("run|--config|/nonexistent/appsettings.json");

        Assert.Equal(2, code);
        Assert.Equal("gong-operator run: --config: /nonexistent/appsettings.json does not exist", line);
    }

    /// <summary>Runs the CLI; asserts stderr is exactly one line (no stack trace) and stdout is empty.</summary>
    private static async Task<(int Code, string Line)> RunAsync(string args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await GongOperatorCli.RunAsync(args.Split('|'), stdout, stderr);

        Assert.Empty(stdout.ToString());
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return (code, line.TrimEnd('\r'));
    }
}
