using System.Security.Cryptography;
using System.Text;

namespace GongOperator.OAuth;

/// <summary>
/// The rotating half of one OAuth authorization, as kept in the operator's state Secret: the current refresh token, the
/// access token with its lifetime and the company's API host, which seed it came from, and whether a refresh is under
/// way (so a second writer waits instead of spending the same refresh token). Its ToString prints no token.
/// </summary>
public sealed record AuthorizationState
{
    /// <summary>The refresh token to send next (single-use).</summary>
    public required string RefreshToken { get; init; }

    /// <summary>The access token for API calls; null until the first refresh.</summary>
    public string? AccessToken { get; init; }

    /// <summary>When the access token was issued (start of its lifetime).</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>When the access token expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The company's API host from the last grant (<c>api_base_url_for_customer</c>).</summary>
    public Uri? ApiBaseUrl { get; init; }

    /// <summary>The seed Secret's uid this state came from.</summary>
    public string? SeedUid { get; init; }

    /// <summary>The seed Secret's resourceVersion this state came from.</summary>
    public string? SeedResourceVersion { get; init; }

    /// <summary>SHA-256 of the seed's refresh token this state came from: a different one in the seed replaces the state.</summary>
    public required string SeedRefreshTokenSha256 { get; init; }

    /// <summary>Who claimed a refresh that has not been saved yet (a process id), or null.</summary>
    public string? RefreshingBy { get; init; }

    /// <summary>When that refresh was claimed.</summary>
    public DateTimeOffset? RefreshingSince { get; init; }

    /// <summary>The token endpoint refused the refresh token (its status and error), so it is not sent again; null while usable.</summary>
    public string? RevokedBecause { get; init; }

    /// <summary>The fingerprint a seed's refresh token is compared by.</summary>
    public static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A fresh state from a seed: its refresh token, no access token yet.</summary>
    public static AuthorizationState FromSeed(OAuthSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return new AuthorizationState
        {
            RefreshToken = seed.RefreshToken,
            SeedUid = seed.Uid,
            SeedResourceVersion = seed.ResourceVersion,
            SeedRefreshTokenSha256 = seed.RefreshTokenFingerprint,
        };
    }

    /// <summary>Whether this state still belongs to <paramref name="seed"/> (same Secret object, same refresh token put there).</summary>
    public bool CameFrom(OAuthSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return string.Equals(SeedUid, seed.Uid, StringComparison.Ordinal)
            && string.Equals(SeedRefreshTokenSha256, seed.RefreshTokenFingerprint, StringComparison.Ordinal);
    }

    /// <summary>The access token, when there is one that is not within 10 % of its lifetime of expiry at <paramref name="now"/>.</summary>
    public string? UsableAccessToken(DateTimeOffset now)
    {
        if (AccessToken is null || IssuedAt is not { } issued || ExpiresAt is not { } expires)
        {
            return null;
        }

        var refreshAt = expires - ((expires - issued) / 10);
        return now < refreshAt ? AccessToken : null;
    }

    /// <summary>Prints no token.</summary>
    public override string ToString() =>
        $"AuthorizationState {{ ExpiresAt = {ExpiresAt:O}, ApiBaseUrl = {ApiBaseUrl}, SeedUid = {SeedUid}, RefreshingBy = {RefreshingBy}, RevokedBecause = {RevokedBecause} }}";
}
