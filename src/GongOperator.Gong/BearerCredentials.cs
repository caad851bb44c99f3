using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace GongOperator.Gong;

/// <summary>An OAuth access token issued to a partner app for one customer company.</summary>
public sealed record BearerCredentials : GongCredentials
{
    /// <summary>How a bearer token's identity begins: its SHA-256 fingerprint follows.</summary>
    public const string IdentityPrefix = "token-sha256:";

    private readonly string _identity;

    /// <summary>Creates Bearer credentials from an access token.</summary>
    public BearerCredentials(string accessToken)
    {
        if (string.IsNullOrWhiteSpace(accessToken))
        {
            throw new ArgumentException("The Gong access token is empty.", nameof(accessToken));
        }

        AccessToken = accessToken;
        _identity = IdentityPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accessToken)));
    }

    /// <summary>The access token.</summary>
    public string AccessToken { get; }

    /// <inheritdoc />
    public override string Identity => _identity;

    internal override AuthenticationHeaderValue ToAuthorizationHeader() => new("Bearer", AccessToken);
}
