using System.Collections;
using System.CommandLine;
using System.Text.Json;

namespace GongOperator.Configuration;

/// <summary>
/// Adds the <c>run</c> settings to a command as flags and resolves them, per setting, from the flag, else the
/// <c>GONG_OPERATOR_*</c> environment variable, else appsettings.json (section "Operator"), else the default.
/// </summary>
internal sealed class OperatorOptionsBinder
{
    private readonly Dictionary<OperatorSetting, Option> _options = [];
    private readonly Option<string?> _config = new("--config")
    {
        Description = "appsettings.json to read (default: appsettings.json beside the executable, when present).",
    };

    /// <summary>Adds every setting's flag (and --config) to <paramref name="command"/>.</summary>
    public OperatorOptionsBinder(Command command, IEnumerable<OperatorSetting>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var setting in settings ?? OperatorSettings.All)
        {
            Option option = setting.IsSwitch
                ? new Option<bool?>(setting.Flag) { Description = setting.Description }
                : new Option<string?>(setting.Flag) { Description = setting.Description };
            _options[setting] = option;
            command.Options.Add(option);
        }

        command.Options.Add(_config);
    }

    /// <summary>Resolves the options; on a bad value returns false with a one-line error naming its source.</summary>
    public bool TryBind(ParseResult parse, IDictionary environment, OperatorOptions defaults, out OperatorOptions options, out string error) =>
        TryBind(parse, environment, defaults, out options, out _, out error);

    /// <summary>
    /// As the other overload, and names the settings given by a flag, the environment or appsettings (by
    /// <see cref="OperatorSetting.Name"/>): a command whose default is known only once it runs applies it to the rest.
    /// </summary>
    public bool TryBind(ParseResult parse, IDictionary environment, OperatorOptions defaults, out OperatorOptions options, out IReadOnlySet<string> given, out string error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(environment);
        options = defaults;
        error = "";
        var named = new HashSet<string>(StringComparer.Ordinal);
        given = named;

        Dictionary<string, string> appSettings;
        string appSettingsPath;
        try
        {
            appSettings = ReadAppSettings(parse.GetValue(_config), out appSettingsPath);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or FormatException)
        {
            error = e.Message;
            return false;
        }

        foreach (var (setting, option) in _options)
        {
            var (value, source) = Resolve(parse, setting, option, environment, appSettings, appSettingsPath);
            if (value is null)
            {
                continue;
            }

            named.Add(setting.Name);
            try
            {
                options = setting.Apply(options, value);
            }
            catch (FormatException e)
            {
                error = $"{source}: {e.Message}";
                return false;
            }
        }

        return true;
    }

    private static (string? Value, string Source) Resolve(ParseResult parse, OperatorSetting setting, Option option, IDictionary environment, Dictionary<string, string> appSettings, string appSettingsPath)
    {
        if (parse.GetResult(option) is not null)
        {
            var text = option is Option<bool?> flag
                ? (parse.GetValue(flag) ?? true) ? "true" : "false"
                : parse.GetValue((Option<string?>)option) ?? "";
            return (text, setting.Flag);
        }

        if (environment[setting.EnvironmentVariable] is string fromEnvironment)
        {
            return (fromEnvironment, setting.EnvironmentVariable);
        }

        return appSettings.TryGetValue(Normalize(setting.Name), out var fromFile)
            ? (fromFile, $"{appSettingsPath} Operator:{setting.Name}")
            : (null, "");
    }

    private static Dictionary<string, string> ReadAppSettings(string? given, out string path)
    {
        var explicitPath = given is not null;
        path = given ?? Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return explicitPath ? throw new FileNotFoundException($"--config: {path} does not exist") : result;
        }

        using var document = ParseFile(path, explicitPath ? "--config " + path : "appsettings " + path);
        if (!document.RootElement.TryGetProperty("Operator", out var section) || section.ValueKind != JsonValueKind.Object)
        {
            return result;
        }

        foreach (var property in section.EnumerateObject())
        {
            result[Normalize(property.Name)] = property.Value.ValueKind switch
            {
                JsonValueKind.Array => string.Join(',', property.Value.EnumerateArray().Select(e => e.ToString())),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => property.Value.ToString(),
            };
        }

        return result;
    }

    /// <summary>A file that cannot be read or parsed is named, with how it was chosen, so the user knows which to fix.</summary>
    private static JsonDocument ParseFile(string path, string source)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source} is not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{source} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>"gong-batch-size", "GongBatchSize" and "gongBatchSize" name the same setting.</summary>
    private static string Normalize(string key) => key.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
}
