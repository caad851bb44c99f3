namespace GongOperator.Gong;

/// <summary>
/// What Gong's token endpoint answered to a refresh: a new access token, a NEW refresh token (the one sent is dead from
/// now on), the access token's lifetime and the company's API host. Its ToString prints no token.
/// </summary>
/// <param name="AccessToken">The access token for API calls.</param>
/// <param name="RefreshToken">The refresh token to use next time (single-use).</param>
/// <param name="ExpiresIn">The access token's lifetime, from <c>expires_in</c>.</param>
/// <param name="ApiBaseUrl">The company's API host (<c>api_base_url_for_customer</c>), or null when the answer named none.</param>
/// <param name="Scope">The granted scopes, as sent.</param>
public sealed record TokenGrant(string AccessToken, string RefreshToken, TimeSpan ExpiresIn, Uri? ApiBaseUrl, string? Scope)
{
    /// <summary>Names no token.</summary>
    public override string ToString() => $"TokenGrant {{ ExpiresIn = {ExpiresIn}, ApiBaseUrl = {ApiBaseUrl}, Scope = {Scope} }}";
}
