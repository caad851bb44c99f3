namespace GongOperator.GongSimulator;

/// <summary>One company's OAuth authorization as the simulator sees it (as <c>GET /_simulator/oauth</c> lists it); no token.</summary>
/// <param name="Company">The company.</param>
/// <param name="ClientId">The app's client id.</param>
/// <param name="Refreshes">Refreshes answered 200.</param>
/// <param name="InvalidGrants">Refreshes answered 400 invalid_grant (a reused, revoked or unknown refresh token of this authorization).</param>
/// <param name="Revoked">Whether the authorization is revoked (until a fresh seed is issued).</param>
/// <param name="LiveAccessTokens">Access tokens issued and not expired.</param>
/// <param name="ExpiredAccessTokenCalls">API calls refused because their access token had expired.</param>
public sealed record SimulatedAuthorizationStatus(string Company, string ClientId, int Refreshes, int InvalidGrants, bool Revoked, int LiveAccessTokens, int ExpiredAccessTokenCalls);
