using System.Net.Http.Headers;
using System.Text;

namespace GongOperator.Gong;

/// <summary>HTTP Basic credentials: a Gong access key and its secret.</summary>
public sealed record BasicCredentials : GongCredentials
{
    /// <summary>Creates Basic credentials; both parts are required.</summary>
    public BasicCredentials(string accessKey, string accessKeySecret)
    {
        // The messages name the parameter only: a value here could be a secret.
        if (string.IsNullOrWhiteSpace(accessKey))
        {
            throw new ArgumentException("The Gong access key is empty.", nameof(accessKey));
        }

        if (accessKey.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("The Gong access key must not contain ':'.", nameof(accessKey));
        }

        if (string.IsNullOrEmpty(accessKeySecret))
        {
            throw new ArgumentException("The Gong access key secret is empty.", nameof(accessKeySecret));
        }

        AccessKey = accessKey;
        AccessKeySecret = accessKeySecret;
        Fingerprint = Hash("basic", accessKey, accessKeySecret);
    }

    /// <summary>The access key id (not secret: it names the key).</summary>
    public string AccessKey { get; }

    /// <summary>The access key secret.</summary>
    public string AccessKeySecret { get; }

    /// <inheritdoc />
    public override string Identity => "key:" + AccessKey;

    internal override string Fingerprint { get; }

    internal override AuthenticationHeaderValue ToAuthorizationHeader() => Basic(AccessKey, AccessKeySecret);

    /// <summary>HTTP Basic for a user and secret (RFC 7617, UTF-8): Gong's access keys and an OAuth app's client.</summary>
    internal static AuthenticationHeaderValue Basic(string user, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + secret)));
}
