using System.Security.Cryptography;
using System.Text;

namespace GongOperator.GongSimulator;

/// <summary>
/// The configured companies, found by name or by the credentials a call carries. Fixed at start, so it is read without
/// the state's lock; what each company holds (registrations, usage) is <see cref="CompanyState"/>'s and is locked there.
/// </summary>
internal sealed class CompanyDirectory
{
    private readonly Dictionary<string, CompanyState> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompanyState> _byAccessKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompanyState> _byBearer = new(StringComparer.Ordinal);
    private readonly OAuthAuthority _oauth;

    public CompanyDirectory(IEnumerable<CompanyState> companies, OAuthAuthority oauth)
    {
        _oauth = oauth;
        All = [.. companies];
        foreach (var company in All)
        {
            var config = company.Config;
            _byName.Add(config.Name, company);
            if (config.AccessKey is not null)
            {
                _byAccessKey.Add(config.AccessKey, company);
            }

            foreach (var token in config.BearerTokens)
            {
                _byBearer.Add(token, company);
            }

            if (config.OAuthClientId is not null)
            {
                oauth.Add(config);
            }
        }
    }

    /// <summary>Every company, in the order configured.</summary>
    public IReadOnlyList<CompanyState> All { get; }

    public IEnumerable<string> Names => _byName.Keys;

    public bool Has(string name) => _byName.ContainsKey(name);

    /// <summary>The company named <paramref name="company"/>; <see cref="ArgumentException"/> for one not configured.</summary>
    public CompanyState Find(string company) =>
        _byName.TryGetValue(company, out var state)
            ? state
            : throw new ArgumentException($"'{company}' is not a configured company", nameof(company));

    /// <summary>Every company (null) or the one named.</summary>
    public IReadOnlyList<CompanyState> AllOr(string? company) => company is null ? All : [Find(company)];

    /// <summary>
    /// The company whose credentials the Authorization <paramref name="header"/> carries (HTTP Basic with an access key,
    /// a configured bearer token, or an access token the token endpoint issued), else why the call is refused.
    /// </summary>
    public (SimulatedAuthKind Kind, CompanyState? Company, string? Error) Authenticate(string? header, bool onCustomerHost)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return (SimulatedAuthKind.None, null, "access denied: the Authorization header is missing");
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? header : header[..space];
        var parameter = space < 0 ? string.Empty : header[(space + 1)..].Trim();
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            }
            catch (FormatException)
            {
                return (SimulatedAuthKind.Basic, null, "access denied: the Basic credentials are not valid base64");
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0
                && _byAccessKey.TryGetValue(decoded[..colon], out var company)
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded[(colon + 1)..]), Encoding.UTF8.GetBytes(company.Config.AccessKeySecret!)))
            {
                return (SimulatedAuthKind.Basic, company, null);
            }

            return (SimulatedAuthKind.Basic, null, "access denied: the access key or its secret is not valid");
        }

        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            if (parameter.Length > 0 && _byBearer.TryGetValue(parameter, out var company))
            {
                return (SimulatedAuthKind.Bearer, company, null);
            }

            var (issuedTo, refused) = parameter.Length > 0 ? _oauth.Authenticate(parameter, onCustomerHost) : (null, null);
            return issuedTo is not null
                ? (SimulatedAuthKind.Bearer, _byName[issuedTo], null)
                : (SimulatedAuthKind.Bearer, null, refused ?? "access denied: the bearer token is not valid");
        }

        return (SimulatedAuthKind.Other, null, "access denied: the Authorization scheme must be Basic or Bearer");
    }
}
