using System.Text;
using System.Text.RegularExpressions;

namespace GongOperator.LocalCluster.Schema;

/// <summary>
/// Compiles an OpenAPI <c>pattern</c> (RE2 syntax in Kubernetes) into a .NET <see cref="Regex"/>.
/// The non-backtracking engine is used when it accepts the pattern: like RE2 it runs in linear
/// time and has no back-references or look-arounds. Matching is unanchored, as in RE2.
/// </summary>
internal static class Re2Pattern
{
    /// <summary>Bound on one match, for patterns only the backtracking engine accepts.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["[:alnum:]"] = "0-9A-Za-z",
        ["[:alpha:]"] = "A-Za-z",
        ["[:ascii:]"] = "\\x00-\\x7F",
        ["[:blank:]"] = "\\t ",
        ["[:cntrl:]"] = "\\x00-\\x1F\\x7F",
        ["[:digit:]"] = "0-9",
        ["[:graph:]"] = "!-~",
        ["[:lower:]"] = "a-z",
        ["[:print:]"] = " -~",
        ["[:punct:]"] = "!-/:-@\\[-`{-~",
        ["[:space:]"] = "\\t\\n\\v\\f\\r ",
        ["[:upper:]"] = "A-Z",
        ["[:word:]"] = "0-9A-Za-z_",
        ["[:xdigit:]"] = "0-9A-Fa-f",
    };

    /// <summary>Translates and compiles; throws <see cref="ArgumentException"/> when the pattern is invalid.</summary>
    public static Regex Compile(string pattern)
    {
        string translated = Translate(pattern);
        try
        {
            return new Regex(translated, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(translated, RegexOptions.CultureInvariant, MatchTimeout);
        }
    }

    /// <summary>
    /// Rewrites RE2 spellings whose .NET meaning differs or is missing: <c>(?P&lt;n&gt;</c>, <c>\pL</c>,
    /// POSIX classes, ASCII-only <c>\d \w \s</c>, and <c>$</c> (end of text only).
    /// </summary>
    public static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 8);
        bool multiline = pattern.Contains("(?m", StringComparison.Ordinal) || pattern.Contains("(?sm", StringComparison.Ordinal) || pattern.Contains("(?im", StringComparison.Ordinal);
        int i = 0;
        bool inClass = false;
        while (i < pattern.Length)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                char next = pattern[i + 1];
                if ((next == 'p' || next == 'P') && i + 2 < pattern.Length && pattern[i + 2] != '{')
                {
                    sb.Append('\\').Append(next).Append('{').Append(pattern[i + 2]).Append('}');
                    i += 3;
                    continue;
                }

                // RE2's \d, \w and \s are ASCII-only; .NET's are Unicode-aware.
                string? ascii = (next, inClass) switch
                {
                    ('d', false) => "[0-9]",
                    ('D', false) => "[^0-9]",
                    ('w', false) => "[0-9A-Za-z_]",
                    ('W', false) => "[^0-9A-Za-z_]",
                    ('s', false) => "[\\t\\n\\f\\r ]",
                    ('S', false) => "[^\\t\\n\\f\\r ]",
                    ('d', true) => "0-9",
                    ('w', true) => "0-9A-Za-z_",
                    ('s', true) => "\\t\\n\\f\\r ",
                    _ => null,
                };
                if (ascii is not null)
                {
                    sb.Append(ascii);
                    i += 2;
                    continue;
                }

                sb.Append(c).Append(next);
                i += 2;
                continue;
            }

            if (inClass)
            {
                if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
                {
                    int end = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                    if (end > 0 && PosixClasses.TryGetValue(pattern[i..(end + 2)], out string? expansion))
                    {
                        sb.Append(expansion);
                        i = end + 2;
                        continue;
                    }
                }

                if (c == ']')
                {
                    inClass = false;
                }

                sb.Append(c);
                i++;
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                sb.Append(c);
                i++;

                // A leading ']' (or '^]') is a literal inside the class.
                if (i < pattern.Length && pattern[i] == '^')
                {
                    sb.Append('^');
                    i++;
                }

                if (i < pattern.Length && pattern[i] == ']')
                {
                    sb.Append("\\]");
                    i++;
                }

                continue;
            }

            if (c == '$' && !multiline)
            {
                // Without the m flag RE2's $ matches only at the very end; .NET's also before a final newline.
                sb.Append("\\z");
                i++;
                continue;
            }

            if (c == '(' && string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                sb.Append("(?<");
                i += 4;
                continue;
            }

            sb.Append(c);
            i++;
        }

        return sb.ToString();
    }
}
