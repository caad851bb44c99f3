using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace GongOperator.Testing.Strict;

/// <summary>
/// Gong's OAuth token endpoint for <see cref="StrictGong"/>, written from Gong's public page on OAuth apps and RFC 6749,
/// not from the simulator: <c>POST /oauth2/generate-customer-token</c> with the app's client id and secret as HTTP Basic
/// (missing or wrong: 401 <c>invalid_client</c>), <c>grant_type=refresh_token</c> and <c>refresh_token</c> in the query
/// string (Gong's examples) or an <c>application/x-www-form-urlencoded</c> body (RFC 6749). A parameter in neither
/// place, in both with different values, or given twice is a violation (400 <c>invalid_request</c>). Refresh tokens are
/// single-use: each success answers a NEW refresh token and kills the one sent; a spent, forgotten or unknown one gets
/// 400 <c>invalid_grant</c>. A success names the company's own API host in <c>api_base_url_for_customer</c>, where the
/// access token it carries is valid until <c>expires_in</c> seconds have passed on the stand-in's clock.
/// </summary>
public sealed class StrictGongOAuth
{
    /// <summary>The token endpoint's path.</summary>
    public const string TokenPath = "/oauth2/generate-customer-token";

    /// <summary>The scope every grant names.</summary>
    public const string Scope = "api:integration-settings:write";

    private static readonly string[] Parameters = ["grant_type", "refresh_token"];

    private readonly TimeProvider _time;
    private readonly Func<Uri> _customerBaseUrl;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _clientSecrets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Customer, string ClientId)> _refreshOwners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _liveRefreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _issuedByCustomer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _uses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Customer, DateTimeOffset ExpiresAt)> _accessTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _forgottenAccessTokens = new(StringComparer.Ordinal);
    private int _refreshes;
    private int _invalidGrants;

    internal StrictGongOAuth(TimeProvider time, Func<Uri> customerBaseUrl)
    {
        _time = time;
        _customerBaseUrl = customerBaseUrl;
    }

    /// <summary>The access tokens' lifetime, answered as <c>expires_in</c> in whole seconds.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Decides the answer to a token request that met every rule and named a known client, before its refresh token is
    /// looked at (null: the documented answer). A request answered here spends no refresh token.
    /// </summary>
    public Func<StrictGongRequest, CancellationToken, Task<StrictGongAnswer?>>? Answer { get; set; }

    /// <summary>Refreshes answered 200.</summary>
    public int Refreshes
    {
        get
        {
            lock (_gate)
            {
                return _refreshes;
            }
        }
    }

    /// <summary>Refresh tokens refused as spent, forgotten or unknown (400 invalid_grant).</summary>
    public int InvalidGrants
    {
        get
        {
            lock (_gate)
            {
                return _invalidGrants;
            }
        }
    }

    /// <summary>
    /// A customer company authorizes the app <paramref name="clientId"/> (registered with <paramref name="clientSecret"/>
    /// on first use): the refresh token Gong gives the app then, which a person puts into the seed. An earlier one dies.
    /// </summary>
    public string Authorize(string clientId, string clientSecret, string customer)
    {
        lock (_gate)
        {
            if (_clientSecrets.TryGetValue(clientId, out var known) && known != clientSecret)
            {
                throw new ArgumentException($"client '{clientId}' is registered with another secret", nameof(clientSecret));
            }

            _clientSecrets[clientId] = clientSecret;
            _issuedByCustomer[customer] = [];
            return IssueRefreshToken(customer, clientId);
        }
    }

    /// <summary>The customer removes the app: its live refresh token and every access token it was given are forgotten.</summary>
    public void Forget(string customer)
    {
        lock (_gate)
        {
            _liveRefreshTokens.Remove(customer);
            foreach (var (token, issued) in _accessTokens)
            {
                if (issued.Customer == customer)
                {
                    _forgottenAccessTokens.Add(token);
                }
            }
        }
    }

    /// <summary>Every refresh token issued to <paramref name="customer"/> since it last authorized the app, oldest first.</summary>
    public IReadOnlyList<string> RefreshTokensOf(string customer)
    {
        lock (_gate)
        {
            return _issuedByCustomer.TryGetValue(customer, out var issued) ? issued.ToList() : [];
        }
    }

    /// <summary>How many token requests presented <paramref name="refreshToken"/>, answered or refused.</summary>
    public int UsesOf(string refreshToken)
    {
        lock (_gate)
        {
            return _uses.GetValueOrDefault(refreshToken);
        }
    }

    /// <summary>
    /// Whose access token <paramref name="token"/> is, and why it is refused now (null: valid); <c>ClientAtFault</c> when
    /// the client should have known (an expired token). A token this endpoint never issued has no customer.
    /// </summary>
    internal (string? Customer, string? Refusal, bool ClientAtFault) Check(string token)
    {
        lock (_gate)
        {
            if (!_accessTokens.TryGetValue(token, out var issued))
            {
                return (null, null, false);
            }

            if (_forgottenAccessTokens.Contains(token))
            {
                return (issued.Customer, "the access token was revoked: the customer removed the app", false);
            }

            return _time.GetUtcNow() >= issued.ExpiresAt
                ? (issued.Customer, $"the access token expired at {issued.ExpiresAt:O}", true)
                : (issued.Customer, null, false);
        }
    }

    /// <summary>Answers one token request; returns it as recorded, with the rules it broke.</summary>
    internal async Task<(StrictGongRequest Recorded, StrictGongAnswer Answer)> ServeAsync(StrictGongRequest request, CancellationToken cancellationToken)
    {
        var violations = new List<string>();
        StrictGongAnswer? refusal = null;
        void Break(int status, string error, string rule)
        {
            refusal ??= Error(status, error, rule);
            violations.Add(rule);
        }

        if (request.RequestLine.Split(' ') is not ["POST", _, "HTTP/1.1"])
        {
            Break(405, "invalid_request", $"request line '{request.RequestLine}' is not POST {TokenPath} HTTP/1.1");
        }

        if (request.ValuesOf("Host").Count != 1)
        {
            Break(400, "invalid_request", "no single Host header");
        }

        var client = BasicClient(request.Header("Authorization"));
        if (client is null)
        {
            Break(401, "invalid_client", "no HTTP Basic Authorization with base64(client_id:client_secret)");
        }

        var values = ReadParameters(request, (error, rule) => Break(400, error, rule));
        if (values.TryGetValue("grant_type", out var grantType) && grantType != "refresh_token")
        {
            Break(400, "unsupported_grant_type", $"grant_type is '{grantType}', not refresh_token");
        }

        if (refusal is null && !KnownClient(client!.Value))
        {
            // A wrong id or secret is an answer, not a wire fault: it is how a misconfigured app finds out.
            refusal = Error(401, "invalid_client", "the client id and secret are not an app's");
        }

        if (refusal is null && Answer is { } decide)
        {
            refusal = await decide(request, cancellationToken);
        }

        var answer = refusal ?? Refresh(client!.Value.Id, values["refresh_token"]);
        return (request with { Violations = violations }, answer);
    }

    /// <summary>The two parameters from the query string and the form body, each found once and agreeing; breaks a rule otherwise.</summary>
    private static Dictionary<string, string> ReadParameters(StrictGongRequest request, Action<string, string> @break)
    {
        var query = QueryHelpers.ParseQuery(request.Query);
        var form = new Dictionary<string, StringValues>();
        if (request.Body.Length > 0)
        {
            var contentType = request.Header("Content-Type")?.Split(';')[0].Trim();
            if (!string.Equals(contentType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                @break("invalid_request", $"a body with Content-Type '{contentType}', not application/x-www-form-urlencoded");
            }
            else
            {
                form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(request.Body));
            }
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Parameters)
        {
            var inQuery = query.GetValueOrDefault(name);
            var inForm = form.GetValueOrDefault(name);
            if (inQuery.Count > 1 || inForm.Count > 1)
            {
                @break("invalid_request", $"{name} is given more than once");
            }
            else if (inQuery.Count == 0 && inForm.Count == 0)
            {
                @break("invalid_request", $"no {name}, neither in the query string nor in the form body");
            }
            else if (inQuery.Count == 1 && inForm.Count == 1 && inQuery[0] != inForm[0])
            {
                @break("invalid_request", $"{name} in the query string differs from {name} in the form body");
            }
            else
            {
                values[name] = (inForm.Count == 1 ? inForm[0] : inQuery[0])!;
            }
        }

        return values;
    }

    private static (string Id, string Secret)? BasicClient(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? (decoded[..colon], decoded[(colon + 1)..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private bool KnownClient((string Id, string Secret) client)
    {
        lock (_gate)
        {
            return _clientSecrets.TryGetValue(client.Id, out var secret)
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(client.Secret));
        }
    }

    private StrictGongAnswer Refresh(string clientId, string refreshToken)
    {
        lock (_gate)
        {
            _uses[refreshToken] = _uses.GetValueOrDefault(refreshToken) + 1;
            if (!_refreshOwners.TryGetValue(refreshToken, out var owner) || owner.ClientId != clientId
                || _liveRefreshTokens.GetValueOrDefault(owner.Customer) != refreshToken)
            {
                _invalidGrants++;
                return Error(400, "invalid_grant", "the refresh token is not valid: used already, revoked, or unknown");
            }

            var next = IssueRefreshToken(owner.Customer, clientId);
            var access = NewToken("at");
            var lifetime = Math.Max(1, (long)AccessTokenLifetime.TotalSeconds);
            _accessTokens[access] = (owner.Customer, _time.GetUtcNow() + TimeSpan.FromSeconds(lifetime));
            _refreshes++;
            var body = new Dictionary<string, object>
            {
                ["access_token"] = access,
                ["refresh_token"] = next,
                ["scope"] = Scope,
                ["token_type"] = "bearer",
                ["expires_in"] = lifetime,
                ["api_base_url_for_customer"] = _customerBaseUrl().AbsoluteUri.TrimEnd('/'),
            };
            return StrictGongAnswer.Json(200, JsonSerializer.Serialize(body));
        }
    }

    /// <summary>Issues the customer's next refresh token, the only live one from now on. Called under the lock.</summary>
    private string IssueRefreshToken(string customer, string clientId)
    {
        var token = NewToken("rt");
        _refreshOwners[token] = (customer, clientId);
        _liveRefreshTokens[customer] = token;
        _issuedByCustomer[customer].Add(token);
        return token;
    }

    private static StrictGongAnswer Error(int status, string error, string description) =>
        StrictGongAnswer.Json(status, JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }));

    private static string NewToken(string kind) => kind + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
