using System.Net.Http.Headers;

namespace GongOperator.Gong;

/// <summary>Credentials for one Gong company: <see cref="BasicCredentials"/> or <see cref="BearerCredentials"/>; never printed.</summary>
public abstract record GongCredentials
{
    private protected GongCredentials()
    {
    }

    /// <summary>
    /// A stable identity that is safe to print and to use as a key: the access key id for Basic,
    /// a SHA-256 fingerprint of the token for Bearer. Never the secret itself.
    /// </summary>
    public abstract string Identity { get; }

    /// <summary>The Authorization header value for a request.</summary>
    internal abstract AuthenticationHeaderValue ToAuthorizationHeader();

    /// <summary>Prints the kind and the non-secret identity only.</summary>
    public sealed override string ToString() => $"{GetType().Name} {{ Identity = {Identity} }}";
}
