using System.Globalization;
using System.Text;

namespace GongOperator.Bench.Report;

/// <summary>The report as a Markdown table (printed at the end of a run and saved beside the JSON), for the README.</summary>
internal static class MarkdownTable
{
    public static string Render(BenchReport report)
    {
        var settings = report.Settings;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"N = {settings.Origins} origins over M = {settings.Companies} companies, {report.Runs.Count} run(s); ");
        text.Append(CultureInfo.InvariantCulture, $"{report.Machine.Cores} cores ({report.Machine.Cpu}), load average {report.Machine.LoadAverageAtStart} at start, {report.Machine.LoadAverageAtEnd} at end; ");
        text.Append(CultureInfo.InvariantCulture, $"{report.Machine.Configuration} build {report.Machine.Commit}.\n\n");
        var multiple = report.Runs.Count > 1;
        text.Append(multiple
            ? "| scenario | figure | median | min | max | target (10,000 / 100) |\n|---|---|---:|---:|---:|---|\n"
            : "| scenario | figure | value | target (10,000 / 100) |\n|---|---|---:|---|\n");
        foreach (var row in ReportRows.All)
        {
            if (!report.Summary.TryGetValue(row.Key, out var stat))
            {
                continue;
            }

            var figure = row.Unit.Length > 0 ? $"{row.Figure} ({row.Unit})" : row.Figure;
            text.Append(CultureInfo.InvariantCulture, $"| {row.Scenario} | {figure} | {Format(stat.Median, row.Integer)} |");
            if (multiple)
            {
                text.Append(CultureInfo.InvariantCulture, $" {Format(stat.Min, row.Integer)} | {Format(stat.Max, row.Integer)} |");
            }

            text.Append(CultureInfo.InvariantCulture, $" {row.Target} |\n");
        }

        text.Append('\n');
        foreach (var invariant in report.Invariants)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {(invariant.Holds ? "holds" : "FAILS")}: {invariant.Name} ({invariant.Detail})\n");
        }

        if (report.Failure is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"- FAILED: {report.Failure}\n");
        }

        return text.ToString();
    }

    /// <summary>Counts without decimals; other figures with three significant digits or so.</summary>
    public static string Format(double value, bool integer = false)
    {
        if (double.IsNaN(value))
        {
            return "–";
        }

        if (integer)
        {
            return value.ToString("0", CultureInfo.InvariantCulture);
        }

        var magnitude = Math.Abs(value);
        var format = magnitude >= 100 ? "0" : magnitude >= 10 ? "0.0" : magnitude >= 1 ? "0.00" : "0.000";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
