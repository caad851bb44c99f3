using System.Text.Json;

namespace GongOperator.GongSimulator;

/// <summary>Reads and validates a <c>POST /v2/integration-settings</c> body, naming every bad item; unknown fields are ignored.</summary>
internal static class RegistrationRequestParser
{
    public const string SettingsProperty = "integrationTypeSettings";

    /// <summary>The integration types Gong documents.</summary>
    public static readonly IReadOnlyList<string> IntegrationTypes = ["EMAIL_COMPOSER", "ACCOUNT_PAGES", "DIALER"];

    public static ParsedRegistrationRequest Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Failed($"the request body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failed("the request body must be a JSON object with an integrationTypeSettings list");
            }

            if (!root.TryGetProperty(SettingsProperty, out var list) || list.ValueKind == JsonValueKind.Null)
            {
                return Failed($"{SettingsProperty} is required");
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                return Failed($"{SettingsProperty} must be a list");
            }

            var items = new List<SimulatedSetting>();
            var valid = new List<ValidSetting>();
            var errors = new List<string>();
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                ParseItem(index, element, items, valid, errors);
                index++;
            }

            return new ParsedRegistrationRequest(items, valid, errors);
        }
    }

    private static void ParseItem(int index, JsonElement element, List<SimulatedSetting> items, List<ValidSetting> valid, List<string> errors)
    {
        var where = $"{SettingsProperty}[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            items.Add(new SimulatedSetting(null, null));
            errors.Add($"{where} must be an object with integrationType and allowedOrigin");
            return;
        }

        var type = StringProperty(element, "integrationType");
        var origin = StringProperty(element, "allowedOrigin");
        items.Add(new SimulatedSetting(type, origin));
        var before = errors.Count;

        if (type is null)
        {
            errors.Add($"{where}.integrationType is required (one of {string.Join(", ", IntegrationTypes)})");
        }
        else if (!IntegrationTypes.Contains(type, StringComparer.Ordinal))
        {
            errors.Add($"{where}.integrationType '{type}' is not one of {string.Join(", ", IntegrationTypes)}");
        }

        ParsedOrigin? parsed = null;
        if (origin is null)
        {
            errors.Add($"{where}.allowedOrigin is required (an origin such as https://tenant.partner.com)");
        }
        else if (!OriginValidator.TryParse(origin, out parsed, out var reason))
        {
            errors.Add($"{where}.allowedOrigin '{origin}' is not a valid origin: it {reason}");
        }

        if (errors.Count == before && type is not null && origin is not null && parsed is not null)
        {
            valid.Add(new ValidSetting(index, type, origin, parsed));
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ParsedRegistrationRequest Failed(string error) => new([], [], [error]);
}
