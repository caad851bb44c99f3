using System.Reflection;
using System.Text.RegularExpressions;
using GongOperator.Testing;

namespace GongOperator.Tests.Packaging;

/// <summary>
/// The Dockerfile, read statically (the tests need no container engine), and the publish script
/// it runs, run for real: every test run thereby exercises the image's build step.
/// </summary>
public sealed partial class ContainerImageTests
{
    private static readonly string Root = KubeTools.RepositoryRoot;

    private static string[] DockerfileLines() =>
        File.ReadAllLines(Path.Combine(Root, "Dockerfile"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToArray();

    [Fact]
    public void The_build_stage_restores_then_runs_the_publish_script()
    {
        var lines = DockerfileLines();

        Assert.Equal("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", lines[0]);
        var restore = Array.FindIndex(lines, l => l.StartsWith("RUN dotnet restore ", StringComparison.Ordinal));
        var publish = Array.IndexOf(lines, "RUN ./scripts/publish.sh /app");
        Assert.True(restore > 0 && publish > restore, "the build stage must restore, then run ./scripts/publish.sh /app");
    }

    [Fact]
    public void The_runtime_stage_is_chiseled_non_root_and_runs_the_operator()
    {
        var lines = DockerfileLines();
        var runtime = Array.FindLastIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal));

        Assert.Equal("FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime", lines[runtime]);
        var stage = lines[runtime..];
        Assert.Contains("COPY --from=build /app/ ./", stage);
        // Numeric, so the kubelet can enforce runAsNonRoot; the chart's runAsUser is the same user.
        Assert.Contains("USER 1654", stage);
        Assert.Contains("EXPOSE 8080 8081", stage);
        Assert.Equal("ENTRYPOINT [\"/app/gong-operator\", \"run\"]", stage[^1]);
    }

    [Fact]
    public void Every_source_project_is_copied_before_the_restore()
    {
        // A project added under src/ without a COPY line would break the image's restore.
        var copied = DockerfileLines()
            .Select(l => CopyProject().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["path"].Value)
            .ToHashSet(StringComparer.Ordinal);
        var projects = Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'));

        foreach (var project in projects)
        {
            Assert.Contains(project, copied);
        }

        foreach (var path in copied)
        {
            Assert.True(File.Exists(Path.Combine(Root, path)), $"the Dockerfile copies {path}, which does not exist");
        }
    }

    [Fact]
    public void The_image_ports_are_the_charts_metrics_and_health_ports()
    {
        var values = File.ReadAllText(Path.Combine(Root, "charts", "gong-operator", "values.yaml"));

        Assert.Matches(@"(?m)^metrics:\n(  .*\n)*?  port: 8080$", values);
        Assert.Matches(@"(?m)^health:\n(  .*\n)*?  port: 8081$", values);
    }

    [Fact]
    public void The_image_tag_the_chart_uses_is_its_app_version()
    {
        var chart = File.ReadAllText(Path.Combine(Root, "charts", "gong-operator", "Chart.yaml"));
        var kustomization = File.ReadAllText(Path.Combine(Root, "config", "manager", "kustomization.yaml"));

        var appVersion = Regex.Match(chart, "(?m)^appVersion: \"(?<v>[^\"]+)\"$").Groups["v"].Value;
        Assert.False(string.IsNullOrEmpty(appVersion));
        Assert.Contains($"newTag: {appVersion}", kustomization, StringComparison.Ordinal);
    }

    [Fact]
    public void The_version_in_the_User_Agent_Gong_sees_is_the_charts_app_version()
    {
        var chart = File.ReadAllText(Path.Combine(Root, "charts", "gong-operator", "Chart.yaml"));
        var appVersion = Regex.Match(chart, "(?m)^appVersion: \"(?<v>[^\"]+)\"$").Groups["v"].Value;

        var built = typeof(GongOperator.Gong.GongClientOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(appVersion, built.Split('+')[0]);
    }

    [Fact]
    public async Task The_publish_script_produces_an_operator_that_starts()
    {
        var output = Path.Combine(Path.GetTempPath(), "gong-operator-publish-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The same command the Dockerfile's build stage runs. Bounded generously: on a cold
            // machine with few cores this compiles the Release configuration.
            var publish = await KubeTools.RunAsync(Path.Combine(Root, "scripts", "publish.sh"), [output], TimeSpan.FromMinutes(5));
            Assert.True(publish.ExitCode == 0, "scripts/publish.sh failed: " + publish);

            var executable = Path.Combine(output, "gong-operator");
            Assert.True(File.Exists(executable), "the publish output has no gong-operator executable");
            // The ENTRYPOINT's program loads and runs: `crd` prints the CRD the chart ships.
            var crd = await KubeTools.RunAsync(executable, ["crd"], TimeSpan.FromMinutes(1));
            Assert.True(crd.ExitCode == 0, crd.ToString());
            var shipped = await File.ReadAllTextAsync(
                Path.Combine(Root, "charts", "gong-operator", "crds", "gongoperator.io_gongintegrationorigins.yaml"),
                TestContext.Current.CancellationToken);
            Assert.Equal(shipped.TrimEnd(), crd.Stdout.TrimEnd());
            var help = await KubeTools.RunAsync(executable, ["run", "--help"], TimeSpan.FromMinutes(1));
            Assert.True(help.ExitCode == 0, help.ToString());
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [GeneratedRegex(@"^COPY (?<path>src/[^ ]+\.csproj) ")]
    private static partial Regex CopyProject();
}
