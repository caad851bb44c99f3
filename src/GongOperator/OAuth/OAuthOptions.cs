namespace GongOperator.OAuth;

/// <summary>How the operator keeps OAuth authorizations alive.</summary>
public sealed record OAuthOptions
{
    /// <summary>Gong's token endpoint.</summary>
    public const string DefaultTokenUrl = "https://app.gong.io/oauth2/generate-customer-token";

    /// <summary>Default <see cref="ClaimTimeout"/>.</summary>
    public static readonly TimeSpan DefaultClaimTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Where refresh requests go (<c>--gong-oauth-token-url</c>).</summary>
    public Uri TokenUrl { get; init; } = new(DefaultTokenUrl);

    /// <summary>The namespace of the operator's state Secrets (its own).</summary>
    public required string StateNamespace { get; init; }

    /// <summary>
    /// How long a refresh claimed by another process (in the state Secret) keeps this one from refreshing. Longer than a
    /// token request plus saving its answer; after it, the claimer is taken to have died and its refresh token is tried.
    /// </summary>
    public TimeSpan ClaimTimeout { get; init; } = DefaultClaimTimeout;

    /// <summary>
    /// How long a call that needs a token waits (reading the state Secret again every 250 ms) while another process's
    /// claim is live, before it answers Unavailable until the claim ends; a refresh and its save take well under this.
    /// </summary>
    public TimeSpan ClaimPatience { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one call keeps retrying to save a new refresh token before it answers Unavailable (the token stays in memory and the next call tries again first).</summary>
    public TimeSpan SaveRetryBudget { get; init; } = TimeSpan.FromSeconds(30);
}
