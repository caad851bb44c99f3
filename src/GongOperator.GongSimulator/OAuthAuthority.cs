using System.Security.Cryptography;
using System.Text;

namespace GongOperator.GongSimulator;

/// <summary>
/// The simulator's OAuth side: Gong's token endpoint and the access tokens it issued. Refresh tokens are single-use (a
/// second use, like any unknown or revoked one, answers 400 invalid_grant and is counted against the authorization it
/// belonged to); access tokens expire after the configured lifetime and are honoured only on the company's own API host.
/// </summary>
internal sealed class OAuthAuthority(TimeProvider time, TimeSpan lifetime)
{
    public const string TokenPath = "/oauth2/generate-customer-token";
    public const string Scope = "api:integration-settings:write";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Grant> _byCompany = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refreshOwners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Company, DateTimeOffset ExpiresAt)> _accessTokens = new(StringComparer.Ordinal);

    public void Add(SimulatedCompany company)
    {
        lock (_gate)
        {
            var grant = new Grant(company.OAuthClientId!, company.OAuthClientSecret!) { LiveRefreshToken = company.OAuthRefreshToken };
            _byCompany.Add(company.Name, grant);
            _refreshOwners[company.OAuthRefreshToken!] = company.Name;
        }
    }

    public bool Serves(string company)
    {
        lock (_gate)
        {
            return _byCompany.ContainsKey(company);
        }
    }

    /// <summary>Answers one refresh request: (status, success body or error body). <paramref name="invalidRequest"/> names a malformed request's fault.</summary>
    public (int Status, TokenSuccessBody? Success, TokenErrorBody? Error) Refresh(string? authorization, string? invalidRequest, string? grantType, string? refreshToken, Uri customerBaseUrl)
    {
        lock (_gate)
        {
            var client = Client(authorization);
            if (client is null)
            {
                return (401, null, new TokenErrorBody("invalid_client", "the client id and secret (HTTP Basic) are missing or not valid"));
            }

            if (invalidRequest is not null)
            {
                return (400, null, new TokenErrorBody("invalid_request", invalidRequest));
            }

            if (!string.Equals(grantType, "refresh_token", StringComparison.Ordinal))
            {
                return (400, null, new TokenErrorBody("unsupported_grant_type", "grant_type must be refresh_token"));
            }

            // One app serves many companies: the refresh token says which authorization is meant.
            var company = refreshToken is not null && _refreshOwners.TryGetValue(refreshToken, out var owner) ? owner : client.Value.Company;
            var grant = _byCompany[company];
            if (string.IsNullOrEmpty(refreshToken) || grant.ClientId != client.Value.Grant.ClientId || grant.Revoked
                || !string.Equals(refreshToken, grant.LiveRefreshToken, StringComparison.Ordinal))
            {
                grant.InvalidGrants++;
                return (400, null, new TokenErrorBody("invalid_grant", "the refresh token is not valid: used already, revoked, or unknown"));
            }

            var nextRefresh = NewToken("rt");
            var access = NewToken("at");
            grant.LiveRefreshToken = nextRefresh;
            grant.Refreshes++;
            _refreshOwners[nextRefresh] = company;
            _accessTokens[access] = (company, time.GetUtcNow() + lifetime);
            return (200, new TokenSuccessBody(access, nextRefresh, Scope, "bearer", (long)Math.Ceiling(lifetime.TotalSeconds), customerBaseUrl.AbsoluteUri.TrimEnd('/')), null);
        }
    }

    /// <summary>The company of an access token it issued, or why it is refused; null company and null error: not one of its tokens.</summary>
    public (string? Company, string? Error) Authenticate(string token, bool onCustomerHost)
    {
        lock (_gate)
        {
            if (!_accessTokens.TryGetValue(token, out var issued))
            {
                return (null, null);
            }

            if (time.GetUtcNow() >= issued.ExpiresAt)
            {
                _byCompany[issued.Company].ExpiredAccessTokenCalls++;
                return (null, "access denied: the access token has expired");
            }

            return onCustomerHost
                ? (issued.Company, null)
                : (null, "access denied: this access token is valid on the company's own API host (api_base_url_for_customer) only");
        }
    }

    /// <summary>Revokes a company's authorization: its refresh token and every access token die.</summary>
    public void Revoke(string company)
    {
        lock (_gate)
        {
            Find(company).Revoked = true;
            foreach (var token in _accessTokens.Where(t => t.Value.Company == company).Select(t => t.Key).ToList())
            {
                _accessTokens.Remove(token);
            }
        }
    }

    /// <summary>The customer authorizes the app again: a fresh refresh token (the old one dies), returned for a person to copy.</summary>
    public string IssueSeed(string company)
    {
        lock (_gate)
        {
            var grant = Find(company);
            var seed = NewToken("rt");
            grant.LiveRefreshToken = seed;
            grant.Revoked = false;
            _refreshOwners[seed] = company;
            return seed;
        }
    }

    public IReadOnlyList<SimulatedAuthorizationStatus> GetStatus()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            return _byCompany.Select(p => new SimulatedAuthorizationStatus(
                p.Key,
                p.Value.ClientId,
                p.Value.Refreshes,
                p.Value.InvalidGrants,
                p.Value.Revoked,
                _accessTokens.Values.Count(t => t.Company == p.Key && t.ExpiresAt > now),
                p.Value.ExpiredAccessTokenCalls)).ToList();
        }
    }

    private (string Company, Grant Grant)? Client(string? header)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        foreach (var (company, grant) in _byCompany)
        {
            if (grant.ClientId == decoded[..colon]
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded[(colon + 1)..]), Encoding.UTF8.GetBytes(grant.ClientSecret)))
            {
                return (company, grant);
            }
        }

        return null;
    }

    private Grant Find(string company) =>
        _byCompany.TryGetValue(company, out var grant) ? grant : throw new ArgumentException($"'{company}' has no OAuth authorization", nameof(company));

    private static string NewToken(string kind) => kind + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private sealed class Grant(string clientId, string clientSecret)
    {
        public string ClientId { get; } = clientId;

        public string ClientSecret { get; } = clientSecret;

        public string? LiveRefreshToken { get; set; }

        public bool Revoked { get; set; }

        public int Refreshes { get; set; }

        public int InvalidGrants { get; set; }

        public int ExpiredAccessTokenCalls { get; set; }
    }
}
