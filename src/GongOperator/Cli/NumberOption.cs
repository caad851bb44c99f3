using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace GongOperator.Cli;

/// <summary>
/// A whole-number flag whose bad value ("abc", "70000") is a parse error naming the flag. System.CommandLine's own
/// conversion error surfaces as an exception from any validator that reads the value, so the parsing is done here.
/// </summary>
internal static class NumberOption
{
    /// <summary>A flag that takes a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<T> Create<T>(string name, string description, T defaultValue, T min, T max)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        return new Option<T>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Parse(result, name, min, max),
        };
    }

    private static T Parse<T>(ArgumentResult result, string name, T min, T max)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var range = max == T.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"of at least {min}")
            : string.Create(CultureInfo.InvariantCulture, $"from {min} to {max}");
        result.AddError($"{name}: '{text}' is not a whole number {range}");
        return default;
    }
}
