using GongOperator.Gong;

namespace GongOperator.OAuth;

/// <summary>What a call for an OAuth company gets: the company to call (with the current access token), or why there is none.</summary>
/// <param name="Company">The company with a usable access token, or null.</param>
/// <param name="Failure">Why not (<see cref="AuthorizationRevoked"/> or <see cref="Unavailable"/>), or null.</param>
public sealed record OAuthAccess(GongCompany? Company, RegistrationOutcome? Failure)
{
    /// <summary>The access token in <see cref="Company"/>, to name it after a 401.</summary>
    public string? AccessToken => (Company?.Credentials as BearerCredentials)?.AccessToken;
}
