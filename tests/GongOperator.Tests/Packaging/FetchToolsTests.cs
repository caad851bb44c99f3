using GongOperator.Testing;

namespace GongOperator.Tests.Packaging;

/// <summary>
/// scripts/fetch-tools.sh, run on a copy of the script with stand-in kubectl, helm and uname on PATH: it takes tools
/// that are new enough from where they are, refuses older ones, and names what to install where it cannot download.
/// </summary>
public sealed class FetchToolsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gong-fetch-tools-" + Guid.NewGuid().ToString("N")[..8]);

    public FetchToolsTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "scripts"));
        Directory.CreateDirectory(Path.Combine(_root, "fake"));
        File.Copy(Path.Combine(KubeTools.RepositoryRoot, "scripts", "fetch-tools.sh"), Path.Combine(_root, "scripts", "fetch-tools.sh"));
    }

    private string Bin => Path.Combine(_root, ".tools", "bin");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Tools_on_PATH_that_are_new_enough_are_linked_and_nothing_is_downloaded()
    {
        Fake("kubectl", "1.36.0");
        Fake("helm", "4.1.4");

        var result = await RunAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Path.Combine(_root, "fake", "kubectl"), new FileInfo(Path.Combine(Bin, "kubectl")).LinkTarget);
        Assert.Equal(Path.Combine(_root, "fake", "helm"), new FileInfo(Path.Combine(Bin, "helm")).LinkTarget);
        Assert.DoesNotContain("npm", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.32.4", "4.1.4", "need kubectl 1.35 or newer")]
    [InlineData("1.35.2", "3.17.0", "need helm 4.1 or a newer 4.x")]
    [InlineData("1.35.2", "5.0.0", "need helm 4.1 or a newer 4.x")]
    public async Task Elsewhere_than_Linux_x86_64_an_older_tool_is_named_with_what_to_install(string kubectl, string helm, string expected)
    {
        Fake("kubectl", kubectl);
        Fake("helm", helm);
        Script("uname", """if [ "$1" = "-s" ]; then echo Darwin; else echo arm64; fi""");

        var result = await RunAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{expected}; the only download this script knows is for Linux x86-64, not Darwin arm64.", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("install them on PATH", result.Stderr, StringComparison.Ordinal);
        var unfit = expected.Contains("kubectl", StringComparison.Ordinal) ? "kubectl" : "helm";
        Assert.False(File.Exists(Path.Combine(Bin, unfit)), $"the unfit {unfit} was linked");
    }

    [Fact]
    public async Task A_tool_named_by_its_variable_is_checked_and_refused_when_too_old()
    {
        Fake("kubectl", "1.35.0");
        Fake("helm", "4.1.0");
        var oldHelm = Script("old-helm", "echo v3.17.0");

        var result = await RunAsync(helm: oldHelm);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"GONG_OPERATOR_HELM={oldHelm} is not helm 4.1 or a newer 4.x", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A stand-in that answers the version questions fetch-tools.sh asks.</summary>
    private void Fake(string tool, string version) => Script(tool, tool == "kubectl"
        ? $$$"""echo '{"clientVersion": {"major": "1", "gitVersion": "v{{{version}}}"}}'"""
        : $"echo v{version}");

    private string Script(string name, string body)
    {
        var path = Path.Combine(_root, "fake", name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private Task<ToolResult> RunAsync(string helm = "") =>
        KubeTools.RunAsync(
            "bash",
            [Path.Combine(_root, "scripts", "fetch-tools.sh")],
            TimeSpan.FromSeconds(60),
            new Dictionary<string, string>
            {
                ["PATH"] = Path.Combine(_root, "fake") + ":/usr/bin:/bin",
                ["GONG_OPERATOR_KUBECTL"] = "",
                ["GONG_OPERATOR_HELM"] = helm,
            });
}
