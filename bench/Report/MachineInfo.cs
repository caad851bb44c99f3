using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using GongOperator.Bench.Hosting;

namespace GongOperator.Bench.Report;

/// <summary>The machine and conditions a report was measured under: figures mean little without them.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, double MemoryGb, string Os, string Runtime, string Configuration, string? Commit, string LoadAverageAtStart)
{
    /// <summary>The 1/5/15-minute load averages at the end of the runs (other work on the machine skews the figures).</summary>
    public string? LoadAverageAtEnd { get; set; }

    public static MachineInfo Read() => new(
        CpuModel(),
        Environment.ProcessorCount,
        MemoryGigabytes(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GongOperatorExecutable.BuildConfiguration(),
        GitCommit(),
        LoadAverage());

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : RuntimeInformation.ProcessArchitecture.ToString();

    private static double MemoryGigabytes()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : Math.Round(long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / (1024.0 * 1024.0), 1);
    }

    private static string? GitCommit()
    {
        if (GongOperatorExecutable.RepositoryRoot() is not { } root)
        {
            return null;
        }

        try
        {
            var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
            foreach (var argument in new[] { "describe", "--always", "--dirty" })
            {
                info.ArgumentList.Add(argument);
            }

            using var git = Process.Start(info)!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && commit.Length > 0 ? commit : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on the machine: the report just lacks the commit.
            return null;
        }
    }
}
