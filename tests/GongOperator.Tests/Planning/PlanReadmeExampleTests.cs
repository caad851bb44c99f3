using GongOperator.Cli;
using GongOperator.Testing;
using GongOperator.Tests.Packaging;

namespace GongOperator.Tests.Planning;

/// <summary>
/// The examples of the README's plan section, run as written (taken from README.md) with bash, helm and
/// <c>gong-operator</c> on the PATH, in a folder holding the example tenant chart where the README has it.
/// </summary>
public sealed class PlanReadmeExampleTests
{
    private const string SampleSecret = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: gong-credentials
          namespace: gong-operator-system
        stringData:
          accessKey: AKEY1
          accessKeySecret: never-printed
        """;

    [Fact]
    public async Task The_readme_sample_output_is_what_its_commands_print()
    {
        var (commands, output) = ReadmeSample();

        var (code, printed) = await RunAsync(commands, new() { ["gong-credentials.yaml"] = SampleSecret });

        Assert.Equal(PlanCommand.Refused, code);
        Assert.Equal(output, printed);
    }

    [Fact]
    public async Task The_readme_CI_step_plans_every_tenant()
    {
        var (code, output) = await RunAsync(ReadmeStep(), new() { ["tenants/acme.yaml"] = "host: acme.partner.com\n", ["tenants/globex.yaml"] = "host: globex.partner.com\n" });

        Assert.True(code == 0, output);
        Assert.Contains("plan: 2 origins, 1 calls over 1 companies", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readme_CI_step_fails_when_a_tenant_does_not_render()
    {
        // Port 0 is refused by the chart's values schema: helm template fails for that tenant.
        var (code, output) = await RunAsync(ReadmeStep(), new() { ["tenants/acme.yaml"] = "host: acme.partner.com\n", ["tenants/broken.yaml"] = "host: broken.partner.com:0\n" });

        Assert.True(code != 0, output);
        Assert.Contains("values don't meet the specifications of the schema", output, StringComparison.Ordinal);
        Assert.DoesNotContain("plan: ", output, StringComparison.Ordinal);
    }

    private static string PlanSection()
    {
        var readme = File.ReadAllText(Path.Combine(KubeTools.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("## Plan a change", StringComparison.Ordinal);
        return readme[start..readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];
    }

    /// <summary>The shell script of the README's <c>- run: |</c> step in the plan section.</summary>
    private static string ReadmeStep()
    {
        const string Opening = "```yaml\n- run: |\n";
        var block = PlanSection();
        block = block[(block.IndexOf(Opening, StringComparison.Ordinal) + Opening.Length)..];
        return Unindent(block[..block.IndexOf("```", StringComparison.Ordinal)]);
    }

    /// <summary>The sample's commands and the output shown for them: the two indented blocks after its introduction.</summary>
    private static (string Commands, string Output) ReadmeSample()
    {
        var section = PlanSection();
        var lines = section[section.IndexOf("Three tenants of the example chart", StringComparison.Ordinal)..].Split('\n');
        var blocks = new List<string>();
        for (var i = 0; i < lines.Length && blocks.Count < 2; i++)
        {
            var block = lines.Skip(i).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)).ToList();
            if (block.Count > 0)
            {
                blocks.Add(Unindent(string.Join('\n', block)) + "\n");
                i += block.Count;
            }
        }

        return (blocks[0], blocks[1]);
    }

    private static string Unindent(string text) =>
        string.Join('\n', text.Split('\n').Select(line => line.StartsWith("    ", StringComparison.Ordinal) ? line[4..] : line));

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

    /// <summary>Runs <paramref name="script"/> with bash in a fresh folder holding <paramref name="files"/>; stdout, then stderr.</summary>
    private static async Task<(int Code, string Output)> RunAsync(string script, Dictionary<string, string> files)
    {
        var work = Directory.CreateTempSubdirectory("gong-plan-readme-").FullName;
        try
        {
            foreach (var (name, content) in files)
            {
                var target = Path.Combine(work, name);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await File.WriteAllTextAsync(target, content, TestContext.Current.CancellationToken);
            }

            Directory.CreateDirectory(Path.Combine(work, "charts", "examples"));
            Directory.CreateSymbolicLink(Path.Combine(work, "charts", "examples", "tenant"), Renders.TenantChart);
            var bin = Directory.CreateDirectory(Path.Combine(work, "bin")).FullName;
            await CommandAsync(bin, "gong-operator", $"dotnet '{Path.Combine(AppContext.BaseDirectory, "gong-operator.dll")}'");
            await CommandAsync(bin, "helm", $"'{KubeTools.Helm}'");
            var file = Path.Combine(work, "example.sh");
            await File.WriteAllTextAsync(file, $"cd '{work}'\n{script}", TestContext.Current.CancellationToken);

            var path = string.Join(':', bin, Environment.GetEnvironmentVariable("PATH"));
            var result = await KubeTools.RunAsync("bash", [file], TimeSpan.FromSeconds(120), new Dictionary<string, string> { ["PATH"] = path });
            return (result.ExitCode, result.Stdout + result.Stderr);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
