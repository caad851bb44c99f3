using GongOperator.Gong;

namespace GongOperator.Tests.Support;

/// <summary>For tests whose credentials are never OAuth: any refresh is a test bug.</summary>
internal sealed class NoTokenEndpoint : IGongTokenClient
{
    public Task<TokenRefreshResult> RefreshAsync(Uri tokenUrl, OAuthClientCredentials client, string refreshToken, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("This test has no OAuth credentials: nothing should refresh.");
}
