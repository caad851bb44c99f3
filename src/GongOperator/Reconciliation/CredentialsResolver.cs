using System.Text;
using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;
using GongOperator.OAuth;
using GongOperator.Resources;
using k8s.Models;

namespace GongOperator.Reconciliation;

/// <summary>
/// Finds the credentials for an origin: its own Secret (same namespace only) or the operator-wide default, read from
/// the Secret informer's cache. A Secret holds <c>accessKey</c> + <c>accessKeySecret</c> (Basic), <c>accessToken</c>
/// (Bearer) or <c>clientId</c> + <c>clientSecret</c> + <c>refreshToken</c> (an OAuth seed), and optionally <c>baseUrl</c>.
/// </summary>
public sealed class CredentialsResolver(Func<ObjectKey, V1Secret?> getSecret, ObjectKey? defaultSecret, Uri defaultBaseUrl, TenantPolicy? policy = null)
{
    private readonly TenantPolicy _policy = policy ?? TenantPolicy.Trusting;

    /// <summary>Secret key of the Basic access key id.</summary>
    public const string AccessKeyField = "accessKey";

    /// <summary>Secret key of the Basic access key secret.</summary>
    public const string AccessKeySecretField = "accessKeySecret";

    /// <summary>Secret key of an OAuth access token.</summary>
    public const string AccessTokenField = "accessToken";

    /// <summary>Secret key of an OAuth app's client id.</summary>
    public const string ClientIdField = "clientId";

    /// <summary>Secret key of an OAuth app's client secret.</summary>
    public const string ClientSecretField = "clientSecret";

    /// <summary>Secret key of the refresh token of a customer's authorization.</summary>
    public const string RefreshTokenField = "refreshToken";

    /// <summary>Secret key of an optional per-company API base URL.</summary>
    public const string BaseUrlField = "baseUrl";

    /// <summary>Secret key of an optional registration strategy for the company (incremental or fullSet); it wins over the flag.</summary>
    public const string RegistrationStrategyField = "registrationStrategy";

    /// <summary>Secret key of the optional host suffixes the origins using this Secret must be under.</summary>
    public const string AllowedOriginSuffixesField = "allowedOriginSuffixes";

    /// <summary>The Secret an origin uses, as a key; null when there is none to use.</summary>
    public ObjectKey? SecretKeyFor(GongIntegrationOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var name = origin.Spec?.CredentialsSecretRef?.Name;
        return name is null ? defaultSecret : new ObjectKey(origin.Metadata.NamespaceProperty, name);
    }

    /// <summary>Resolves the credentials of <paramref name="origin"/>.</summary>
    public Credentials Resolve(GongIntegrationOrigin origin)
    {
        if (SecretKeyFor(origin) is not { } key)
        {
            return new Credentials("", null, "No Gong credentials: set spec.credentialsSecretRef, or start the operator with --default-credentials-secret.", null);
        }

        var policy = WithoutSecret(origin);
        if (policy.NotAllowedInNamespace is not null)
        {
            // Nothing about the default Secret is read or told: this namespace may not use it at all.
            return policy;
        }

        var shown = policy.SecretName;
        var secret = getSecret(key);
        if (secret is null)
        {
            return new Credentials(shown, null, $"The credentials Secret {shown} does not exist.", null);
        }

        var version = secret.Metadata?.ResourceVersion;
        var data = secret.Data ?? new Dictionary<string, byte[]>();
        var accessKey = Read(data, AccessKeyField);
        var accessKeySecret = Read(data, AccessKeySecretField);
        var accessToken = Read(data, AccessTokenField);
        var baseUrlText = Read(data, BaseUrlField);
        RegistrationStrategyKind? strategy = null;
        if (Read(data, RegistrationStrategyField) is { } strategyText)
        {
            try
            {
                strategy = Configuration.OperatorSettings.ParseStrategy(strategyText);
            }
            catch (FormatException)
            {
                return new Credentials(shown, null, $"The credentials Secret {shown} has a {RegistrationStrategyField} that is neither incremental nor fullSet.", version);
            }
        }

        string?[] oauth = [Read(data, ClientIdField), Read(data, ClientSecretField), Read(data, RefreshTokenField)];
        var policies = new List<OriginSuffixes>(policy.OriginPolicies);
        if (data.TryGetValue(AllowedOriginSuffixesField, out var suffixBytes) && suffixBytes is not null)
        {
            var suffixes = OriginSuffixes.Parse(Encoding.UTF8.GetString(suffixBytes), out var suffixProblem);
            if (suffixes is null)
            {
                return new Credentials(shown, null, $"The credentials Secret {shown} has an {AllowedOriginSuffixesField} entry {suffixProblem}.", version);
            }

            policies.Add(new OriginSuffixes($"the {AllowedOriginSuffixesField} of Secret {shown}", suffixes));
        }

        var baseUrl = defaultBaseUrl;
        if (baseUrlText is not null
            && (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out baseUrl!) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp)))
        {
            return new Credentials(shown, null, $"The credentials Secret {shown} has a {BaseUrlField} that is not an http(s) URL.", version);
        }

        var anyStatic = accessKey is not null || accessKeySecret is not null || accessToken is not null;
        if (oauth.Any(v => v is not null))
        {
            return anyStatic
                ? new Credentials(shown, null, $"The credentials Secret {shown} must hold one kind of credentials: {AccessKeyField} and {AccessKeySecretField}, or {AccessTokenField}, or {ClientIdField}, {ClientSecretField} and {RefreshTokenField}.", version)
                : OAuth(secret, key, shown, oauth, baseUrlText is null ? null : baseUrl, version) with { OriginPolicies = policies };
        }

        GongCredentials? credentials = (accessKey, accessKeySecret, accessToken) switch
        {
            ({ } k, { } s, null) when !k.Contains(':', StringComparison.Ordinal) => new BasicCredentials(k, s),
            // A token's company is the Secret it came from, so a refreshed token keeps the budget and its 429 block.
            (null, null, { } t) => new BearerCredentials(t, CompanyOf(shown)),
            _ => null,
        };
        if (credentials is null)
        {
            return new Credentials(
                shown,
                null,
                $"The credentials Secret {shown} must hold either {AccessKeyField} and {AccessKeySecretField}, or {AccessTokenField}, or {ClientIdField}, {ClientSecretField} and {RefreshTokenField}, and only one kind.",
                version);
        }

        try
        {
            return new Credentials(shown, new GongCompany(baseUrl, credentials) { Strategy = strategy }, null, version) { OriginPolicies = policies };
        }
        catch (ArgumentException)
        {
            return new Credentials(shown, null, $"The credentials Secret {shown} has a {BaseUrlField} Gong cannot be called at (no query, fragment or user info).", version);
        }
    }

    /// <summary>
    /// What the tenant policy says of <paramref name="origin"/> before its Secret is read, which is all that needs no
    /// Secret: whether its namespace may use the default Secret, and the <c>--default-allowed-origin-suffixes</c> for an
    /// origin using it. No company and no problem: <see cref="Resolve"/> adds what the Secret holds, and
    /// <c>gong-operator plan</c> asks this alone of a Secret it cannot see.
    /// </summary>
    public Credentials WithoutSecret(GongIntegrationOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var shown = SecretKeyFor(origin) is { } key ? $"{key.Namespace}/{key.Name}" : "(the operator-wide default, not named)";
        var usesDefault = origin.Spec?.CredentialsSecretRef?.Name is null;
        var ns = origin.Metadata.NamespaceProperty ?? "";
        if (usesDefault && !_policy.NamespaceMayUseDefault(ns))
        {
            return new Credentials(shown, null, null, null)
            {
                NotAllowedInNamespace = $"Namespace {ns} may not use the operator-wide credentials Secret {shown}: it is outside --default-credentials-namespace-selector \"{_policy.NamespaceSelector}\". Set spec.credentialsSecretRef to a Secret in this namespace, or ask the platform team to label the namespace.",
            };
        }

        return new Credentials(shown, null, null, null)
        {
            OriginPolicies = usesDefault && _policy.DefaultAllowedOriginSuffixes is { } flagged ? [flagged] : [],
        };
    }

    private static Credentials OAuth(V1Secret secret, ObjectKey key, string shown, string?[] fields, Uri? baseUrl, string? version)
    {
        string[] names = [ClientIdField, ClientSecretField, RefreshTokenField];
        var missing = names.Where((_, i) => fields[i] is null).ToArray();
        if (missing.Length > 0)
        {
            return new Credentials(shown, null, $"The OAuth credentials Secret {shown} is missing {string.Join(" and ", missing)} (an OAuth Secret needs {ClientIdField}, {ClientSecretField} and {RefreshTokenField}).", version);
        }

        if (baseUrl is not null && (!string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment) || !string.IsNullOrEmpty(baseUrl.UserInfo)))
        {
            return new Credentials(shown, null, $"The credentials Secret {shown} has a {BaseUrlField} Gong cannot be called at (no query, fragment or user info).", version);
        }

        var seed = new OAuthSeed(key, secret.Metadata?.Uid, version, new OAuthClientCredentials(fields[0]!, fields[1]!), fields[2]!, baseUrl, CompanyOf(shown));
        return new Credentials(shown, null, null, version, seed);
    }

    /// <summary>
    /// The company a token speaks for is the Secret it came from: a static token pasted anew, or an OAuth authorization's
    /// access token after every rotation, keeps the company's budget, 429 block and daily count.
    /// </summary>
    private static string CompanyOf(string shownSecret) => "secret:" + shownSecret;

    private static string? Read(IDictionary<string, byte[]> data, string field)
    {
        if (!data.TryGetValue(field, out var bytes) || bytes is null || bytes.Length == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes).Trim();
        return text.Length == 0 ? null : text;
    }
}
