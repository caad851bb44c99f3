using System.Diagnostics;
using Xunit;

namespace GongOperator.Testing;

/// <summary>
/// Finds the real kubectl and helm binaries the integration tests are judged by.
/// Outside CI a missing tool skips the test with a reason; in CI (CI=true) it fails it.
/// </summary>
public static class KubeTools
{
    /// <summary>kubectl 1.35 from .tools/bin (scripts/fetch-tools.sh), or GONG_OPERATOR_KUBECTL.</summary>
    public static string Kubectl => Require("kubectl", "GONG_OPERATOR_KUBECTL");

    /// <summary>helm 4 from .tools/bin (scripts/fetch-tools.sh), or GONG_OPERATOR_HELM.</summary>
    public static string Helm => Require("helm", "GONG_OPERATOR_HELM");

    /// <summary>True when running under CI, where a missing tool is a failure, not a skip.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The repository root (the folder holding Operator.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static string Require(string tool, string variable)
    {
        var fromEnv = Environment.GetEnvironmentVariable(variable);
        var candidate = !string.IsNullOrEmpty(fromEnv) ? fromEnv : Path.Combine(RepositoryRoot, ".tools", "bin", tool);
        if (File.Exists(candidate))
        {
            return candidate;
        }

        var reason = $"{tool} not found at {candidate}; run ./scripts/fetch-tools.sh (or ./test.sh) to install it";
        if (InCi)
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        return candidate;
    }

    /// <summary>Runs a tool to completion (bounded), returning exit code and captured output.</summary>
    public static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan? timeout = null, IDictionary<string, string>? environment = null, string? stdin = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderrTask = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(fileName)} {string.Join(' ', info.ArgumentList)} did not finish within {timeout ?? TimeSpan.FromSeconds(60)}; output so far: {await stdoutTask.ConfigureAwait(false)} {await stderrTask.ConfigureAwait(false)}");
        }

        return new ToolResult(process.ExitCode, await stdoutTask.ConfigureAwait(false), await stderrTask.ConfigureAwait(false));
    }
}

/// <summary>What a finished tool printed and returned.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
