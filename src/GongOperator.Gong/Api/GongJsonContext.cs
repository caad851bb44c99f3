using System.Text.Json.Serialization;

namespace GongOperator.Gong.Api;

/// <summary>
/// Source-generated JSON for the wire models. Int64 values are read from the token's UTF-8 digits
/// (AllowReadingFromString also accepts "5517027188234205706" as a string) and written as exact digits.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IntegrationSettingsRequest))]
[JsonSerializable(typeof(IntegrationSettingsResponse))]
internal sealed partial class GongJsonContext : JsonSerializerContext;
