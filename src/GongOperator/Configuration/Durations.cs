using System.Globalization;
using System.Text.RegularExpressions;

namespace GongOperator.Configuration;

/// <summary>Parses durations as Kubernetes tools write them: "24h", "30m", "90s", "1h30m", "500ms", or "0".</summary>
public static partial class Durations
{
    /// <summary>Returns false (with no value) for anything that is not a non-negative duration.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text == "0")
        {
            return true;
        }

        var matches = Part().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            return false;
        }

        try
        {
            foreach (Match match in matches)
            {
                var amount = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
                value += match.Groups["u"].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds(amount),
                    "s" => TimeSpan.FromSeconds(amount),
                    "m" => TimeSpan.FromMinutes(amount),
                    "h" => TimeSpan.FromHours(amount),
                    _ => TimeSpan.FromDays(amount),
                };
            }
        }
        catch (OverflowException)
        {
            // Longer than a TimeSpan holds: not a duration this program can use.
            value = TimeSpan.Zero;
            return false;
        }

        return true;
    }

    /// <summary>Writes a duration the way <see cref="TryParse"/> reads it.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0";
        }

        var parts = new List<string>();
        if ((int)value.TotalHours > 0)
        {
            parts.Add(((int)value.TotalHours).ToString(CultureInfo.InvariantCulture) + "h");
        }

        if (value.Minutes > 0)
        {
            parts.Add(value.Minutes.ToString(CultureInfo.InvariantCulture) + "m");
        }

        if (value.Seconds > 0 || value.Milliseconds > 0)
        {
            parts.Add((value.Seconds + (value.Milliseconds / 1000.0)).ToString(CultureInfo.InvariantCulture) + "s");
        }

        return string.Concat(parts);
    }

    [GeneratedRegex(@"(?<n>[0-9]+(\.[0-9]+)?)(?<u>ms|s|m|h|d)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
