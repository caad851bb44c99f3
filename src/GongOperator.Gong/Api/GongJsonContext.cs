using System.Text.Json.Serialization;

namespace GongOperator.Gong.Api;

/// <summary>
/// Source-generated JSON for the wire models. The answer's integrationId stays a raw token
/// (<see cref="IntegrationSettingsResponse.TryGetIntegrationId"/> reads its digits), so no number passes through a double.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IntegrationSettingsRequest))]
[JsonSerializable(typeof(IntegrationSettingsResponse))]
internal sealed partial class GongJsonContext : JsonSerializerContext;
