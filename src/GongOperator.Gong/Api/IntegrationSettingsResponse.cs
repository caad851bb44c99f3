using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GongOperator.Gong.Api;

/// <summary>Any answer body of the endpoint: success carries integrationId, errors carry errors[]; unknown fields are ignored.</summary>
internal sealed record IntegrationSettingsResponse
{
    [JsonConverter(typeof(LenientStringConverter))]
    public string? RequestId { get; init; }

    /// <summary>
    /// The raw token, so that an id Gong got wrong costs the id alone and not the requestId and errors beside it.
    /// Read with <see cref="TryGetIntegrationId"/>, never through a double.
    /// </summary>
    public JsonElement? IntegrationId { get; init; }

    [JsonConverter(typeof(LenientStringListConverter))]
    public IReadOnlyList<string>? Errors { get; init; }

    /// <summary>True when integrationId is an Int64, as a JSON number or a string of digits; false when missing or anything else.</summary>
    public bool TryGetIntegrationId(out long id)
    {
        id = 0;
        return IntegrationId switch
        {
            { ValueKind: JsonValueKind.Number } number => number.TryGetInt64(out id),
            { ValueKind: JsonValueKind.String } text => long.TryParse(text.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id),
            _ => false,
        };
    }
}
