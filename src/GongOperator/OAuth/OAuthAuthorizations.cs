using System.Collections.Concurrent;
using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;
using Microsoft.Extensions.Logging;

namespace GongOperator.OAuth;

/// <summary>
/// Every OAuth authorization this process keeps alive, one per seed Secret. Only the acting replica (the leader) asks
/// for tokens, because only it reconciles; the state Secret's claim keeps a second process from refreshing at the same
/// time even during a leader change.
/// </summary>
public sealed class OAuthAuthorizations(IAuthorizationStore store, IGongTokenClient tokens, OAuthOptions options, Uri defaultBaseUrl, TimeProvider time, ILogger<OAuthAuthorizations> logger)
{
    private readonly ConcurrentDictionary<ObjectKey, Authorization> _authorizations = new();

    /// <summary>Names this process in a refresh claim.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The company to call for <paramref name="seed"/>, refreshing first when needed; see <see cref="Authorization.GetAsync"/>.</summary>
    public Task<OAuthAccess> GetAsync(OAuthSeed seed, string? refused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var authorization = _authorizations.GetOrAdd(seed.Secret, _ => new Authorization(store, tokens, options, Holder, defaultBaseUrl, time, logger));
        return authorization.GetAsync(seed, refused, cancellationToken);
    }

    /// <summary>Waits for every refresh under way to be answered and saved, so a graceful stop never drops a new refresh token.</summary>
    public Task DrainAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_authorizations.Values.Select(a => a.Refreshing)).WaitAsync(cancellationToken);

    /// <summary>
    /// Registers <paramref name="origin"/> with the OAuth company of <paramref name="seed"/>: gets a token, calls, and after
    /// a 401 refreshes once (if no refresh replaced that token meanwhile) and calls again. A second 401 is the answer.
    /// </summary>
    public async Task<RegistrationOutcome> RegisterAsync(IGongRegistrar registrar, OAuthSeed seed, OriginRegistration origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        var access = await GetAsync(seed, null, cancellationToken).ConfigureAwait(false);
        if (access.Company is null)
        {
            return access.Failure!;
        }

        var outcome = await registrar.RegisterAsync(access.Company, origin, cancellationToken).ConfigureAwait(false);
        if (outcome is not Unauthorized)
        {
            return outcome;
        }

        access = await GetAsync(seed, access.AccessToken, cancellationToken).ConfigureAwait(false);
        return access.Company is null ? access.Failure! : await registrar.RegisterAsync(access.Company, origin, cancellationToken).ConfigureAwait(false);
    }
}
