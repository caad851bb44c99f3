using GongOperator.Cli;

namespace GongOperator.Tests.Cli;

public sealed class GongOperatorCliTests
{
    [Fact]
    public async Task An_unknown_flag_gives_one_line_naming_it_and_exit_code_2()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await GongOperatorCli.RunAsync(["apiserver", "--no-such-flag"], stdout, stderr);

        Assert.Equal(2, code);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("--no-such-flag", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_subcommand()
    {
        var stdout = new StringWriter();

        var code = await GongOperatorCli.RunAsync(["--help"], stdout, new StringWriter());

        Assert.Equal(0, code);
        foreach (var name in new[] { "run", "local", "apiserver", "simulator", "crd" })
        {
            Assert.Contains(name, stdout.ToString(), StringComparison.Ordinal);
        }
    }
}
