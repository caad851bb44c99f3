using System.Globalization;

namespace GongOperator.Bench.Hosting;

/// <summary>Resident memory and CPU time of a process, read from /proc (Linux).</summary>
/// <param name="RssBytes">VmRSS of /proc/PID/status.</param>
/// <param name="CpuSeconds">utime + stime of /proc/PID/stat.</param>
internal readonly record struct ProcessReading(long RssBytes, double CpuSeconds)
{
    /// <summary>Clock ticks per second of /proc's CPU times: USER_HZ, 100 on every Linux the project runs on.</summary>
    private const double UserHz = 100;

    public static ProcessReading Of(int pid)
    {
        long rss = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                rss = long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                break;
            }
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessReading(rss, ticks / UserHz);
    }
}
