using System.Text.Json.Serialization;

namespace GongOperator.GongSimulator;

/// <summary>The token endpoint's 200 body, in Gong's snake_case.</summary>
internal sealed record TokenSuccessBody(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("api_base_url_for_customer")] string ApiBaseUrlForCustomer);
