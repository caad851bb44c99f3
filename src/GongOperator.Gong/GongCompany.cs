namespace GongOperator.Gong;

/// <summary>A Gong company as the client sees it: its API base URL and the credentials to call it with.</summary>
public sealed record GongCompany
{
    /// <summary>Gong's default API host; companies often have their own (for example https://company-17.api.gong.io).</summary>
    public const string DefaultBaseUrl = "https://api.gong.io";

    /// <summary>Creates a company; the base URL must be an absolute http or https URL.</summary>
    public GongCompany(Uri baseUrl, GongCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(credentials);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The Gong base URL must be an absolute http or https URL.", nameof(baseUrl));
        }

        if (!string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment) || !string.IsNullOrEmpty(baseUrl.UserInfo))
        {
            throw new ArgumentException("The Gong base URL must not carry a query, a fragment or user info.", nameof(baseUrl));
        }

        // A trailing slash makes relative resolution keep any path prefix of the base URL.
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        Credentials = credentials;
    }

    /// <summary>Creates a company on <see cref="DefaultBaseUrl"/>.</summary>
    public GongCompany(GongCredentials credentials)
        : this(new Uri(DefaultBaseUrl), credentials)
    {
    }

    /// <summary>The API base URL, always ending with '/'.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The credentials (their ToString never prints a secret).</summary>
    public GongCredentials Credentials { get; }

    /// <summary>The absolute URL of the integration-settings endpoint for this company.</summary>
    public Uri IntegrationSettingsUrl => new(BaseUrl, "v2/integration-settings");
}
