using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;

namespace GongOperator.OAuth;

/// <summary>
/// A user's OAuth credentials Secret, read but never written by the operator: the app's client id and secret, the refresh
/// token a person put there when the customer authorized the app, and optionally the company's API host. Its ToString
/// names the Secret only.
/// </summary>
public sealed class OAuthSeed(ObjectKey secret, string? uid, string? resourceVersion, OAuthClientCredentials client, string refreshToken, Uri? baseUrl, string company)
{
    /// <summary>The seed Secret (namespace/name): the authorization's name.</summary>
    public ObjectKey Secret { get; } = secret;

    /// <summary>The seed Secret's uid (a Secret deleted and created again is a new authorization).</summary>
    public string? Uid { get; } = uid;

    /// <summary>The seed Secret's resourceVersion when read.</summary>
    public string? ResourceVersion { get; } = resourceVersion;

    /// <summary>The app's client id and secret.</summary>
    public OAuthClientCredentials Client { get; } = client;

    /// <summary>The refresh token a person put into the seed.</summary>
    public string RefreshToken { get; } = refreshToken;

    /// <summary>The seed's <c>baseUrl</c>, which wins over the token endpoint's <c>api_base_url_for_customer</c>; null when absent.</summary>
    public Uri? BaseUrl { get; } = baseUrl;

    /// <summary>
    /// The company the authorization's access tokens speak for (<see cref="BearerCredentials.Identity"/>): budgets follow
    /// the authorization, not the access token of the day.
    /// </summary>
    public string Company { get; } = company;

    /// <summary>Fingerprint of the seed's refresh token: a new one in the seed is a re-authorization.</summary>
    public string RefreshTokenFingerprint { get; } = AuthorizationState.Fingerprint(refreshToken);

    /// <summary>Names the Secret only.</summary>
    public override string ToString() => "OAuthSeed " + Secret;
}
