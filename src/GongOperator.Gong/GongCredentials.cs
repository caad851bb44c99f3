using System.Net.Http.Headers;

namespace GongOperator.Gong;

/// <summary>Credentials for one Gong company: <see cref="BasicCredentials"/> or <see cref="BearerCredentials"/>; never printed.</summary>
public abstract record GongCredentials
{
    private protected GongCredentials()
    {
    }

    /// <summary>
    /// The Gong company these credentials speak for, safe to print and the key of its budget (rate, 429 block, daily
    /// quota): the access key id for Basic; for Bearer the source it names (the Secret it came from), else a SHA-256
    /// fingerprint of the token. Two credentials with one identity share a budget even when their secrets differ.
    /// Never the secret itself.
    /// </summary>
    public abstract string Identity { get; }

    /// <summary>The identity as metrics and logs show it (a long fingerprint shortened).</summary>
    internal virtual string ShortIdentity => Identity;

    /// <summary>
    /// A SHA-256 of the whole credential material, secret included: calls are grouped by it, so a call carries exactly
    /// the credentials each of its origins was registered with. A one-way hash, yet still never printed or logged.
    /// </summary>
    internal abstract string Fingerprint { get; }

    /// <summary>Hashes the credential material; parts are length-prefixed so no two different tuples hash alike.</summary>
    private protected static string Hash(string kind, params string[] parts)
    {
        var text = new System.Text.StringBuilder(kind);
        foreach (var part in parts)
        {
            text.Append('\0').Append(part.Length).Append(':').Append(part);
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The Authorization header value for a request.</summary>
    internal abstract AuthenticationHeaderValue ToAuthorizationHeader();

    /// <summary>Prints the kind and the non-secret identity only.</summary>
    public sealed override string ToString() => $"{GetType().Name} {{ Identity = {Identity} }}";
}
