using System.Text.Json;
using System.Text.Json.Serialization;

namespace GongOperator.Bench.Report;

/// <summary>Writes the report as JSON (System.Text.Json), the chart as SVG and the table as Markdown, side by side.</summary>
internal static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        // A figure that could not be measured (no reconcile, no call) is NaN rather than a made-up number.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The three files' paths: stem.json, stem.svg, stem.md in <paramref name="directory"/>.</summary>
    public static (string Json, string Svg, string Markdown) Write(BenchReport report, string directory, string stem)
    {
        Directory.CreateDirectory(directory);
        var paths = (Path.Combine(directory, stem + ".json"), Path.Combine(directory, stem + ".svg"), Path.Combine(directory, stem + ".md"));
        File.WriteAllText(paths.Item1, JsonSerializer.Serialize(report, Json));
        File.WriteAllText(paths.Item2, SvgChart.Render(report));
        File.WriteAllText(paths.Item3, MarkdownTable.Render(report));
        return paths;
    }

    public static BenchReport Read(string path) =>
        JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no report");
}
