using System.Globalization;
using System.Text.RegularExpressions;

namespace GongOperator.LocalCluster.Resources;

/// <summary>Kubernetes version ordering: GA above beta above alpha, higher numbers first, others last.</summary>
internal static partial class VersionPriority
{
    /// <summary>Positive when <paramref name="a"/> ranks above <paramref name="b"/>.</summary>
    public static int Compare(string a, string b) => Rank(a).CompareTo(Rank(b));

    private static (int Stability, int Major, int Minor) Rank(string version)
    {
        var m = Pattern().Match(version);
        if (!m.Success)
        {
            return (0, 0, 0);
        }

        var major = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var stability = m.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        var minor = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        return (stability, major, minor);
    }

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+))?$")]
    private static partial Regex Pattern();
}
