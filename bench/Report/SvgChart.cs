using System.Globalization;
using System.Security;
using System.Text;

namespace GongOperator.Bench.Report;

/// <summary>
/// The report's chart, written as plain SVG: origins Ready over time in the burst (the operator against the naive
/// baseline, every run), and the Gong calls that spent quota (burst and restart, operator against naive).
/// </summary>
internal static class SvgChart
{
    private const int Width = 960;
    private const int Height = 440;
    private const string OperatorColour = "#1f6fb4";
    private const string NaiveColour = "#e4731c";
    private const int MaxPoints = 300;

    public static string Render(BenchReport report)
    {
        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        Append(svg, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        var s = report.Settings;
        Text(svg, Width / 2.0, 22, $"gong-operator bench: {s.Origins} origins over {s.Companies} companies, {report.Runs.Count} run(s), {report.Machine.Cores} cores, load {report.Machine.LoadAverageAtStart}", "middle", 14, "bold");
        ReadyOverTime(svg, report);
        QuotaBars(svg, report);
        Append(svg, $"</svg>\n");
        return svg.ToString();
    }

    private static void ReadyOverTime(StringBuilder svg, BenchReport report)
    {
        const double left = 70, right = 600, top = 60, bottom = 380;
        var maxSeconds = report.Runs.SelectMany(r => r.Burst.ReadyAt.TakeLast(1).Concat(r.Baseline.DoneAt.TakeLast(1))).DefaultIfEmpty(1).Max();
        var xStep = NiceStep(maxSeconds);
        var xMax = Math.Ceiling(maxSeconds / xStep) * xStep;
        double origins = report.Settings.Origins;
        var yStep = NiceStep(origins);
        var yMax = Math.Ceiling(origins / yStep) * yStep;
        double X(double seconds) => left + (seconds / xMax * (right - left));
        double Y(double count) => bottom - (count / yMax * (bottom - top));

        Text(svg, (left + right) / 2, top - 12, "Burst: origins Ready over time", "middle", 13, "bold");
        Axes(svg, left, right, top, bottom);
        for (var v = 0.0; v <= xMax + (xStep / 2); v += xStep)
        {
            Line(svg, X(v), bottom, X(v), bottom + 4, "#333");
            Text(svg, X(v), bottom + 17, Tick(v, xStep), "middle");
        }

        for (var v = 0.0; v <= yMax + (yStep / 2); v += yStep)
        {
            Line(svg, left - 4, Y(v), right, Y(v), v == 0 ? "#333" : "#e5e5e5");
            Text(svg, left - 7, Y(v) + 4, MarkdownTable.Format(v, integer: true), "end");
        }

        Text(svg, (left + right) / 2, bottom + 36, "seconds from the first create", "middle");
        Append(svg, $"<text x=\"18\" y=\"{F((top + bottom) / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {F((top + bottom) / 2)})\">origins Ready (accepted, for the naive client)</text>\n");

        foreach (var run in report.Runs)
        {
            Series(svg, run.Burst.ReadyAt, X, Y, OperatorColour, dashed: false);
            Series(svg, run.Baseline.DoneAt, X, Y, NaiveColour, dashed: true);
        }

        // The legend sits bottom right, where both curves have already risen.
        Append(svg, $"<rect x=\"{F(right - 250)}\" y=\"{F(bottom - 58)}\" width=\"240\" height=\"48\" fill=\"white\" fill-opacity=\"0.9\" stroke=\"#ccc\"/>\n");
        Line(svg, right - 240, bottom - 42, right - 210, bottom - 42, OperatorColour, 2.5);
        Text(svg, right - 204, bottom - 38, "gong-operator (Ready on the watch)", "start");
        Append(svg, $"<line x1=\"{F(right - 240)}\" y1=\"{F(bottom - 22)}\" x2=\"{F(right - 210)}\" y2=\"{F(bottom - 22)}\" stroke=\"{NaiveColour}\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/>\n");
        Text(svg, right - 204, bottom - 18, "naive baseline (one POST per origin)", "start");
    }

    private static void QuotaBars(StringBuilder svg, BenchReport report)
    {
        const double left = 690, right = 940, top = 60, bottom = 380;
        (string Label, string Sub, double Value, string Colour)[] bars =
        [
            ("operator", "burst", Median(report, r => r.Burst.GongCalls - r.Burst.RateLimited), OperatorColour),
            ("naive", "burst", Median(report, r => r.Baseline.BurstQuotaCalls), NaiveColour),
            ("operator", "restart", Median(report, r => r.Restart.GongCalls), OperatorColour),
            ("naive", "restart", Median(report, r => r.Baseline.RestartQuotaCalls), NaiveColour),
        ];
        // Headroom above the tallest bar for its value label.
        var max = Math.Max(1, bars.Max(b => b.Value)) * 1.1;
        var yStep = NiceStep(max);
        var yMax = Math.Ceiling(max / yStep) * yStep;
        double Y(double value) => bottom - (value / yMax * (bottom - top));

        Text(svg, (left + right) / 2, top - 12, "Gong calls that spent quota (median)", "middle", 13, "bold");
        Axes(svg, left, right, top, bottom);
        for (var v = 0.0; v <= yMax + (yStep / 2); v += yStep)
        {
            Line(svg, left - 4, Y(v), right, Y(v), v == 0 ? "#333" : "#e5e5e5");
            Text(svg, left - 7, Y(v) + 4, MarkdownTable.Format(v, integer: true), "end");
        }

        var slot = (right - left) / bars.Length;
        for (var i = 0; i < bars.Length; i++)
        {
            var (label, sub, value, colour) = bars[i];
            var x = left + (i * slot) + (slot * 0.2);
            var width = slot * 0.6;
            Append(svg, $"<rect x=\"{F(x)}\" y=\"{F(Y(value))}\" width=\"{F(width)}\" height=\"{F(bottom - Y(value))}\" fill=\"{colour}\"/>\n");
            Text(svg, x + (width / 2), Y(value) - 5, MarkdownTable.Format(value, integer: true), "middle", 12, "bold");
            Text(svg, x + (width / 2), bottom + 17, label, "middle");
            Text(svg, x + (width / 2), bottom + 31, sub, "middle");
        }
    }

    private static double Median(BenchReport report, Func<RunResult, double> value) =>
        report.Runs.Count == 0 ? 0 : Stats.Median(report.Runs.Select(value).ToList());

    private static void Series(StringBuilder svg, IReadOnlyList<double> times, Func<double, double> x, Func<double, double> y, string colour, bool dashed)
    {
        if (times.Count == 0)
        {
            return;
        }

        // A step per origin would be thousands of points: keep at most MaxPoints, always the last.
        var step = Math.Max(1, times.Count / MaxPoints);
        var points = new StringBuilder($"{F(x(0))},{F(y(0))}");
        for (var i = 0; i < times.Count; i += step)
        {
            points.Append(CultureInfo.InvariantCulture, $" {F(x(times[i]))},{F(y(i + 1))}");
        }

        points.Append(CultureInfo.InvariantCulture, $" {F(x(times[^1]))},{F(y(times.Count))}");
        var dash = dashed ? " stroke-dasharray=\"6 4\"" : string.Empty;
        Append(svg, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" stroke-opacity=\"0.85\"{dash} points=\"{points}\"/>\n");
    }

    private static void Axes(StringBuilder svg, double left, double right, double top, double bottom)
    {
        Line(svg, left, top, left, bottom, "#333");
        Line(svg, left, bottom, right, bottom, "#333");
    }

    /// <summary>A tick label with as many decimals as the step needs.</summary>
    private static string Tick(double value, double step)
    {
        var decimals = Math.Max(0, (int)-Math.Floor(Math.Log10(step)));
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>1, 2 or 5 times a power of ten, giving about five ticks up to <paramref name="max"/>.</summary>
    private static double NiceStep(double max)
    {
        var raw = Math.Max(max, 1e-9) / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    private static void Line(StringBuilder svg, double x1, double y1, double x2, double y2, string colour, double width = 1) =>
        Append(svg, $"<line x1=\"{F(x1)}\" y1=\"{F(y1)}\" x2=\"{F(x2)}\" y2=\"{F(y2)}\" stroke=\"{colour}\" stroke-width=\"{F(width)}\"/>\n");

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor, int size = 12, string weight = "normal") =>
        Append(svg, $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" font-size=\"{size}\" font-weight=\"{weight}\">{SecurityElement.Escape(text)}</text>\n");

    private static void Append(StringBuilder svg, FormattableString text) => svg.Append(text.ToString(CultureInfo.InvariantCulture));

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
