using System.CommandLine;
using System.CommandLine.Parsing;
using GongOperator.Configuration;

namespace GongOperator.Cli;

/// <summary>A duration flag (<c>30s</c>, <c>10m</c>, <c>24h</c>) whose bad value is a parse error naming the flag, as <see cref="NumberOption"/> does for numbers.</summary>
internal static class DurationOption
{
    /// <summary>A flag that takes a duration from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<TimeSpan> Create(string name, string description, TimeSpan defaultValue, TimeSpan min, TimeSpan max)
    {
        return new Option<TimeSpan>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (Durations.TryParse(text, out var value) && value >= min && value <= max)
                {
                    return value;
                }

                result.AddError($"{name}: '{text}' is not a duration from {Durations.Format(min)} to {Durations.Format(max)}, such as 30s, 10m or 24h");
                return default;
            },
        };
    }
}
