using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace GongOperator.Gong;

/// <summary>An OAuth access token issued to a partner app for one customer company.</summary>
public sealed record BearerCredentials : GongCredentials
{
    private const string FingerprintPrefix = "token-sha256:";
    private const int ShortFingerprintLength = 24;

    /// <summary>Creates Bearer credentials from an access token.</summary>
    /// <param name="accessToken">The token.</param>
    /// <param name="company">
    /// What names the company the token speaks for (for example <c>secret:NAMESPACE/NAME</c>, the Secret it came from), so
    /// a refreshed token keeps the company's budget; null: the token's own fingerprint (a new token, a new budget).
    /// </param>
    public BearerCredentials(string accessToken, string? company = null)
    {
        if (string.IsNullOrWhiteSpace(accessToken))
        {
            throw new ArgumentException("The Gong access token is empty.", nameof(accessToken));
        }

        AccessToken = accessToken;
        Fingerprint = Hash("bearer", accessToken);
        // Not the fingerprint calls are grouped by: that one is never printed, this one is.
        Identity = string.IsNullOrEmpty(company)
            ? FingerprintPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accessToken)))
            : company;
    }

    /// <summary>The access token.</summary>
    public string AccessToken { get; }

    /// <inheritdoc />
    public override string Identity { get; }

    internal override string ShortIdentity =>
        Identity.StartsWith(FingerprintPrefix, StringComparison.Ordinal) ? Identity[..ShortFingerprintLength] : Identity;

    internal override string Fingerprint { get; }

    internal override AuthenticationHeaderValue ToAuthorizationHeader() => new("Bearer", AccessToken);
}
