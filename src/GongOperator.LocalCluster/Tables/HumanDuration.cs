using System.Globalization;

namespace GongOperator.LocalCluster.Tables;

/// <summary>
/// Renders ages the way the API server does in Table cells (<c>15s</c>, <c>3m20s</c>, <c>5h</c>,
/// <c>2d3h</c>, <c>1y20d</c>), following apimachinery's HumanDuration thresholds.
/// </summary>
internal static class HumanDuration
{
    /// <summary>Formats a duration; slightly negative values (clock skew) read as <c>0s</c>.</summary>
    public static string Format(TimeSpan d)
    {
        long seconds = (long)d.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return I($"{seconds}s");
        }

        long minutes = (long)d.TotalMinutes;
        if (minutes < 10)
        {
            long s = seconds % 60;
            return s == 0 ? I($"{minutes}m") : I($"{minutes}m{s}s");
        }

        if (minutes < 60 * 3)
        {
            return I($"{minutes}m");
        }

        long hours = (long)d.TotalHours;
        if (hours < 8)
        {
            long m = minutes % 60;
            return m == 0 ? I($"{hours}h") : I($"{hours}h{m}m");
        }

        if (hours < 48)
        {
            return I($"{hours}h");
        }

        if (hours < 24 * 8)
        {
            long h = hours % 24;
            return h == 0 ? I($"{hours / 24}d") : I($"{hours / 24}d{h}h");
        }

        if (hours < 24 * 365 * 2)
        {
            return I($"{hours / 24}d");
        }

        if (hours < 24 * 365 * 8)
        {
            long dy = hours / 24 % 365;
            return dy == 0 ? I($"{hours / 24 / 365}y") : I($"{hours / 24 / 365}y{dy}d");
        }

        return I($"{hours / 24 / 365}y");
    }

    /// <summary>Age of an RFC 3339 timestamp at <paramref name="now"/>; <c>&lt;unknown&gt;</c> when absent, <c>&lt;invalid&gt;</c> when unparsable.</summary>
    public static string Since(string? timestamp, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp))
        {
            return "<unknown>";
        }

        return DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t)
            ? Format(now - t)
            : "<invalid>";
    }

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
