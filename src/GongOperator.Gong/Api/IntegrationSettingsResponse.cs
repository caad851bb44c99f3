using System.Text.Json.Serialization;

namespace GongOperator.Gong.Api;

/// <summary>Any answer body of the endpoint: success carries integrationId, errors carry errors[]; unknown fields are ignored.</summary>
internal sealed record IntegrationSettingsResponse
{
    public string? RequestId { get; init; }

    /// <summary>Read straight from the JSON token as Int64 (number or string), never through a double.</summary>
    public long? IntegrationId { get; init; }

    [JsonConverter(typeof(LenientStringListConverter))]
    public IReadOnlyList<string>? Errors { get; init; }
}
