using GongOperator.Testing;
using GongOperator.Tests.Packaging;

namespace GongOperator.Tests.Planning;

/// <summary>
/// The CI step of the README's plan section, run as written (taken from README.md) with bash, helm and
/// <c>gong-operator</c> on the PATH, over a tenants folder beside the example tenant chart.
/// </summary>
public sealed class PlanCiExampleTests
{
    [Fact]
    public async Task The_readme_CI_step_plans_every_tenant()
    {
        var (code, output) = await RunReadmeStepAsync(new() { ["acme"] = "host: acme.partner.com\n", ["globex"] = "host: globex.partner.com\n" });

        Assert.True(code == 0, output);
        Assert.Contains("plan: 2 origins, 1 calls over 1 companies", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_CI_step_fails_when_a_tenant_does_not_render()
    {
        // Port 0 is refused by the chart's values schema: helm template fails for that tenant.
        var (code, output) = await RunReadmeStepAsync(new() { ["acme"] = "host: acme.partner.com\n", ["broken"] = "host: broken.partner.com:0\n" });

        Assert.True(code != 0, output);
        Assert.Contains("values don't meet the specifications of the schema", output, StringComparison.Ordinal);
        Assert.DoesNotContain("plan: ", output, StringComparison.Ordinal);
    }

    /// <summary>The shell script of the README's <c>- run: |</c> step in the plan section.</summary>
    private static string ReadmeStep()
    {
        var readme = File.ReadAllText(Path.Combine(KubeTools.RepositoryRoot, "README.md"));
        var section = readme[readme.IndexOf("## Plan a change", StringComparison.Ordinal)..];
        var block = section[(section.IndexOf("```yaml\n- run: |\n", StringComparison.Ordinal) + "```yaml\n- run: |\n".Length)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];
        return string.Join('\n', block.Split('\n').Select(line => line.StartsWith("    ", StringComparison.Ordinal) ? line[4..] : line));
    }

    /// <summary>A command named <paramref name="name"/> on the step's PATH that runs <paramref name="target"/>.</summary>
    private static async Task CommandAsync(string bin, string name, string target)
    {
        var command = Path.Combine(bin, name);
        await File.WriteAllTextAsync(command, $"#!/bin/sh\nexec {target} \"$@\"\n", TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(command, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task<(int Code, string Output)> RunReadmeStepAsync(Dictionary<string, string> tenants)
    {
        var work = Directory.CreateTempSubdirectory("gong-plan-ci-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(work, "tenants"));
            foreach (var (name, values) in tenants)
            {
                await File.WriteAllTextAsync(Path.Combine(work, "tenants", name + ".yaml"), values, TestContext.Current.CancellationToken);
            }

            Directory.CreateDirectory(Path.Combine(work, "charts", "examples"));
            Directory.CreateSymbolicLink(Path.Combine(work, "charts", "examples", "tenant"), Renders.TenantChart);
            var bin = Directory.CreateDirectory(Path.Combine(work, "bin")).FullName;
            await CommandAsync(bin, "gong-operator", $"dotnet '{Path.Combine(AppContext.BaseDirectory, "gong-operator.dll")}'");
            await CommandAsync(bin, "helm", $"'{KubeTools.Helm}'");
            var script = Path.Combine(work, "step.sh");
            await File.WriteAllTextAsync(script, $"cd '{work}'\n{ReadmeStep()}", TestContext.Current.CancellationToken);

            var path = string.Join(':', bin, Environment.GetEnvironmentVariable("PATH"));
            var result = await KubeTools.RunAsync("bash", [script], TimeSpan.FromSeconds(120), new Dictionary<string, string> { ["PATH"] = path });
            return (result.ExitCode, result.Stdout + result.Stderr);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
