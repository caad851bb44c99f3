using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using GongOperator.Kubernetes.Controllers;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GongOperator.OAuth;

/// <summary>
/// Keeps each authorization's state in a Secret of the operator's own, in its own namespace (so it needs write rights
/// on Secrets there only), named after the seed and labelled as the operator's. Reads go to the API server, never a
/// cache, and updates name the resourceVersion read: two writers cannot both spend one refresh token.
/// </summary>
public sealed class SecretAuthorizationStore(IKubernetes client, string stateNamespace) : IAuthorizationStore
{
    /// <summary>The label every state Secret carries.</summary>
    public const string ComponentLabel = "gongoperator.io/oauth-state";

    /// <summary>Annotation naming the seed Secret (namespace/name) a state Secret belongs to.</summary>
    public const string SeedAnnotation = "gongoperator.io/oauth-seed";

    private const string NamePrefix = "gong-oauth-";
    private const int MaxReadableName = 200;

    /// <summary>The namespace the state Secrets live in.</summary>
    public string Namespace { get; } = stateNamespace;

    /// <summary>The state Secret's name for a seed: readable, and unique by a hash of the seed's namespace/name.</summary>
    public static string NameFor(ObjectKey seed)
    {
        var readable = $"{seed.Namespace}.{seed.Name}".ToLowerInvariant();
        if (readable.Length > MaxReadableName)
        {
            readable = readable[..MaxReadableName].TrimEnd('.', '-');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed.ToString())))[..8];
        return NamePrefix + readable + "-" + hash;
    }

    /// <inheritdoc />
    public async Task<StoredAuthorization?> ReadAsync(ObjectKey seed, CancellationToken cancellationToken)
    {
        try
        {
            var secret = await client.CoreV1.ReadNamespacedSecretAsync(NameFor(seed), Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return FromSecret(secret);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<StoredAuthorization> WriteAsync(ObjectKey seed, AuthorizationState state, string? version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta
            {
                Name = NameFor(seed),
                NamespaceProperty = Namespace,
                ResourceVersion = version,
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "gong-operator", [ComponentLabel] = "true" },
                Annotations = new Dictionary<string, string> { [SeedAnnotation] = seed.ToString() },
            },
            Data = ToData(state),
        };
        try
        {
            var written = version is null
                ? await client.CoreV1.CreateNamespacedSecretAsync(secret, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await client.CoreV1.ReplaceNamespacedSecretAsync(secret, secret.Metadata.Name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new StoredAuthorization(state, written.Metadata.ResourceVersion);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // The API server's message names the object and the conflict only; the request body (the tokens) is not in it.
            throw new AuthorizationConflictException($"The OAuth state Secret {Namespace}/{secret.Metadata.Name} changed since it was read.", e);
        }
    }

    private static StoredAuthorization? FromSecret(V1Secret secret)
    {
        var data = secret.Data ?? new Dictionary<string, byte[]>();
        if (Text(data, "refreshToken") is not { } refresh || Text(data, "seedRefreshTokenSha256") is not { } seedFingerprint)
        {
            // A state Secret someone emptied: start again from the seed (its version lets the next write replace it).
            return null;
        }

        var state = new AuthorizationState
        {
            RefreshToken = refresh,
            AccessToken = Text(data, "accessToken"),
            IssuedAt = Time(data, "issuedAt"),
            ExpiresAt = Time(data, "expiresAt"),
            ApiBaseUrl = Text(data, "apiBaseUrl") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : null,
            SeedUid = Text(data, "seedUid"),
            SeedResourceVersion = Text(data, "seedResourceVersion"),
            SeedRefreshTokenSha256 = seedFingerprint,
            RefreshingBy = Text(data, "refreshingBy"),
            RefreshingSince = Time(data, "refreshingSince"),
            RevokedBecause = Text(data, "revokedBecause"),
        };
        return new StoredAuthorization(state, secret.Metadata.ResourceVersion);
    }

    private static Dictionary<string, byte[]> ToData(AuthorizationState state)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        void Put(string key, string? value)
        {
            if (value is not null)
            {
                data[key] = Encoding.UTF8.GetBytes(value);
            }
        }

        Put("refreshToken", state.RefreshToken);
        Put("accessToken", state.AccessToken);
        Put("issuedAt", state.IssuedAt?.ToString("O", CultureInfo.InvariantCulture));
        Put("expiresAt", state.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture));
        Put("apiBaseUrl", state.ApiBaseUrl?.AbsoluteUri);
        Put("seedUid", state.SeedUid);
        Put("seedResourceVersion", state.SeedResourceVersion);
        Put("seedRefreshTokenSha256", state.SeedRefreshTokenSha256);
        Put("refreshingBy", state.RefreshingBy);
        Put("refreshingSince", state.RefreshingSince?.ToString("O", CultureInfo.InvariantCulture));
        Put("revokedBecause", state.RevokedBecause);
        return data;
    }

    private static string? Text(IDictionary<string, byte[]> data, string key) =>
        data.TryGetValue(key, out var bytes) && bytes is { Length: > 0 } ? Encoding.UTF8.GetString(bytes) : null;

    private static DateTimeOffset? Time(IDictionary<string, byte[]> data, string key) =>
        Text(data, key) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null;
}
