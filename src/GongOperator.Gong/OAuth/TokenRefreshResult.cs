namespace GongOperator.Gong;

/// <summary>The token endpoint's answer: a <see cref="Grant"/>, or a <see cref="Failure"/> (<see cref="AuthorizationRevoked"/> or <see cref="Unavailable"/>).</summary>
/// <param name="Grant">The new tokens, when the endpoint answered 200 with them.</param>
/// <param name="Failure">Why there are none.</param>
public sealed record TokenRefreshResult(TokenGrant? Grant, RegistrationOutcome? Failure);
