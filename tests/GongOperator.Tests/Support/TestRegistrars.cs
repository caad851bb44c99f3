using GongOperator.Gong;
using GongOperator.OAuth;
using GongOperator.Reconciliation;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongOperator.Tests.Support;

/// <summary>The reconciler's registrar for tests whose Secrets are never OAuth seeds.</summary>
internal static class TestRegistrars
{
    public static OriginRegistrar WithoutOAuth(IGongRegistrar gong, TimeProvider time) => new(
        gong,
        new OAuthAuthorizations(new InMemoryAuthorizationStore(), new NoTokenEndpoint(), new OAuthOptions { StateNamespace = "gong-system" }, new Uri("https://api.gong.io"), time, NullLogger<OAuthAuthorizations>.Instance));
}
