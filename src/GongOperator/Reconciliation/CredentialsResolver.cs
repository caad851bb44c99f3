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
public sealed class CredentialsResolver(Func<ObjectKey, V1Secret?> getSecret, ObjectKey? defaultSecret, Uri defaultBaseUrl)
{
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

        var shown = $"{key.Namespace}/{key.Name}";
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
        string?[] oauth = [Read(data, ClientIdField), Read(data, ClientSecretField), Read(data, RefreshTokenField)];

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
                : OAuth(secret, key, shown, oauth, baseUrlText is null ? null : baseUrl, version);
        }

        GongCredentials? credentials = (accessKey, accessKeySecret, accessToken) switch
        {
            ({ } k, { } s, null) when !k.Contains(':', StringComparison.Ordinal) => new BasicCredentials(k, s),
            (null, null, { } t) => new BearerCredentials(t),
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
            // A static token is replaced by hand now and then; the company (and its 429 block and quota) stays the Secret's.
            var companyIdentity = credentials is BearerCredentials ? "secret:" + shown : null;
            return new Credentials(shown, new GongCompany(baseUrl, credentials, companyIdentity), null, version);
        }
        catch (ArgumentException)
        {
            return new Credentials(shown, null, $"The credentials Secret {shown} has a {BaseUrlField} Gong cannot be called at (no query, fragment or user info).", version);
        }
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

        var seed = new OAuthSeed(key, secret.Metadata?.Uid, version, new OAuthClientCredentials(fields[0]!, fields[1]!), fields[2]!, baseUrl);
        return new Credentials(shown, null, null, version, seed);
    }

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
