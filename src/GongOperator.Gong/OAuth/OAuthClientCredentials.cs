namespace GongOperator.Gong;

/// <summary>A partner app's OAuth client id and secret (HTTP Basic at the token endpoint). Its ToString prints the client id only.</summary>
/// <param name="ClientId">The app's client id (not secret).</param>
/// <param name="ClientSecret">The app's client secret.</param>
public sealed record OAuthClientCredentials(string ClientId, string ClientSecret)
{
    /// <summary>Names the client id only.</summary>
    public override string ToString() => $"OAuthClientCredentials {{ ClientId = {ClientId} }}";
}
