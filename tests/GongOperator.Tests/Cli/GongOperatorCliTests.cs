using System.Text.RegularExpressions;
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

    [Fact]
    public async Task Local_help_states_each_default_once_and_as_local_applies_it()
    {
        var stdout = new StringWriter();

        Assert.Equal(0, await GongOperatorCli.RunAsync(["local", "--help"], stdout, new StringWriter()));

        var options = stdout.ToString().Split('\n').Where(l => l.StartsWith("  -", StringComparison.Ordinal)).ToList();
        Assert.All(options, l => Assert.True(Regex.Count(l, @"\(default|\[default:") <= 1, "default stated twice: " + l));
        string Help(string flag) => Assert.Single(options, l => l.StartsWith("  " + flag + " ", StringComparison.Ordinal));
        Assert.Contains("[default: .gong-operator-local]", Help("--state-dir"), StringComparison.Ordinal);
        Assert.Contains("(default 127.0.0.1:0: a free port", Help("--metrics-bind-address"), StringComparison.Ordinal);
        Assert.Contains("(default 127.0.0.1:0: a free port", Help("--health-probe-bind-address"), StringComparison.Ordinal);
        Assert.Contains("text (default) or json", Help("--log-format"), StringComparison.Ordinal);
        Assert.Contains("(default: default)", Help("--leader-election-namespace"), StringComparison.Ordinal);
        Assert.Contains("(default gong-operator-system/gong-credentials", Help("--default-credentials-secret"), StringComparison.Ordinal);
        Assert.Contains("(default: the simulator's; with --gong-base-url, https://app.gong.io/", Help("--gong-oauth-token-url"), StringComparison.Ordinal);
        Assert.Contains("(default gong-operator-system)", Help("--oauth-state-namespace"), StringComparison.Ordinal);
        Assert.DoesNotContain(options, l => l.StartsWith("  --kubeconfig", StringComparison.Ordinal));
    }
}
