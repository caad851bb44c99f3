namespace GongOperator.Gong;

/// <summary>Gong's OAuth token endpoint: one refresh, one HTTP attempt, never retried here (a retried refresh could spend a token twice).</summary>
public interface IGongTokenClient
{
    /// <summary>
    /// Sends <c>grant_type=refresh_token</c> with <paramref name="refreshToken"/> to <paramref name="tokenUrl"/>,
    /// authenticated as <paramref name="client"/>. Throws only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<TokenRefreshResult> RefreshAsync(Uri tokenUrl, OAuthClientCredentials client, string refreshToken, CancellationToken cancellationToken);
}
