using System.Globalization;

namespace GongOperator.Bench.Metrics;

/// <summary>One scrape of a Prometheus text exposition: samples by metric name, each with its raw label text.</summary>
internal sealed class PrometheusSnapshot
{
    private readonly Dictionary<string, List<(string Labels, double Value)>> _samples;

    private PrometheusSnapshot(Dictionary<string, List<(string Labels, double Value)>> samples) => _samples = samples;

    public static PrometheusSnapshot Parse(string text)
    {
        var samples = new Dictionary<string, List<(string, double)>>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            if (space <= 0)
            {
                continue;
            }

            var name = brace >= 0 && brace < space ? line[..brace] : line[..space];
            var labels = brace >= 0 && brace < space ? line[(brace + 1)..line.LastIndexOf('}')] : string.Empty;
            if (!double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            if (!samples.TryGetValue(name, out var list))
            {
                samples[name] = list = [];
            }

            list.Add((labels, value));
        }

        return new PrometheusSnapshot(samples);
    }

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels contain <paramref name="labelFilter"/> (e.g. <c>result="success"</c>); 0 when absent.</summary>
    public double Sum(string name, string? labelFilter = null) =>
        _samples.TryGetValue(name, out var list)
            ? list.Where(s => labelFilter is null || s.Labels.Contains(labelFilter, StringComparison.Ordinal)).Sum(s => s.Value)
            : 0;

    public bool Has(string name) => _samples.ContainsKey(name);
}
