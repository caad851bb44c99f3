namespace GongOperator.GongSimulator;

/// <summary>The answer to <c>POST /_simulator/oauth/seed</c>: the refresh token of a fresh authorization (what a person would copy after re-authorizing).</summary>
/// <param name="Company">The company.</param>
/// <param name="RefreshToken">The new refresh token.</param>
internal sealed record SeedAnswer(string Company, string RefreshToken);
