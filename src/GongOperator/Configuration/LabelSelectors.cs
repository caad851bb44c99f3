using System.Text.RegularExpressions;

namespace GongOperator.Configuration;

/// <summary>
/// Checks a label selector as the API server parses it (apimachinery's <c>labels.Parse</c>): comma-separated
/// requirements <c>key</c>, <c>!key</c>, <c>key=value</c>, <c>key==value</c>, <c>key!=value</c>, <c>key in (a,b)</c>,
/// <c>key notin (a,b)</c>, <c>key&gt;1</c>, <c>key&lt;1</c>. Checked at start, so a typo is one line and exit 2, not a
/// list/watch the server refuses again and again.
/// </summary>
public static partial class LabelSelectors
{
    /// <summary>Returns null when <paramref name="selector"/> is valid, else a sentence saying what is wrong.</summary>
    public static string? Problem(string selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        foreach (var requirement in SplitRequirements(selector))
        {
            if (RequirementProblem(requirement.Trim()) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? RequirementProblem(string requirement)
    {
        if (requirement.Length == 0)
        {
            return "it has an empty requirement";
        }

        if (SetRequirement().Match(requirement) is { Success: true } set)
        {
            var values = set.Groups["values"].Value.Split(',').Select(v => v.Trim()).ToList();
            return KeyProblem(set.Groups["key"].Value)
                ?? (values.Count == 1 && values[0].Length == 0 ? $"'{requirement}' needs at least one value" : values.Select(ValueProblem).FirstOrDefault(p => p is not null));
        }

        if (CompareRequirement().Match(requirement) is { Success: true } compare)
        {
            var value = compare.Groups["value"].Value.Trim();
            var op = compare.Groups["op"].Value;
            if (op is ">" or "<" && !long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return $"'{value}' after '{op}' is not a whole number";
            }

            return KeyProblem(compare.Groups["key"].Value.Trim()) ?? ValueProblem(value);
        }

        return KeyProblem(requirement.StartsWith('!') ? requirement[1..].Trim() : requirement);
    }

    private static string? KeyProblem(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length is 0 or > 253 || !Subdomain().IsMatch(prefix))
            {
                return $"'{key}' has a prefix that is not a DNS subdomain";
            }
        }

        return name.Length is > 0 and <= 63 && Name().IsMatch(name)
            ? null
            : $"'{key}' is not a label key (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, after an optional DNS-subdomain prefix and '/')";
    }

    private static string? ValueProblem(string value) =>
        value.Length == 0 || (value.Length <= 63 && Name().IsMatch(value))
            ? null
            : $"'{value}' is not a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)";

    /// <summary>Splits at commas outside parentheses (a set's values are comma-separated too).</summary>
    private static List<string> SplitRequirements(string selector)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                parts.Add(selector[start..i]);
                start = i + 1;
            }
        }

        parts.Add(selector[start..]);
        return parts;
    }

    [GeneratedRegex(@"^(?<key>[^\s!=<>(),]+)\s+(in|notin)\s*\((?<values>[^()]*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex SetRequirement();

    [GeneratedRegex(@"^(?<key>[^!=<>(),]+?)\s*(?<op>==|=|!=|>|<)\s*(?<value>[^=<>(),!]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex CompareRequirement();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();
}
