using GongOperator.Gong;
using GongOperator.OAuth;

namespace GongOperator.Reconciliation;

/// <summary>
/// Sends one registration with the credentials its origin resolved to: a company as it is, or an OAuth seed through
/// its authorization (which gets a live access token first). Keeps that choice out of the reconciler.
/// </summary>
public sealed class OriginRegistrar(IGongRegistrar registrar, OAuthAuthorizations authorizations)
{
    /// <summary>Registers <paramref name="origin"/>; the planner has checked that <paramref name="credentials"/> are usable.</summary>
    public Task<RegistrationOutcome> RegisterAsync(Credentials credentials, OriginRegistration origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.Seed is { } seed
            ? authorizations.RegisterAsync(registrar, seed, origin, cancellationToken)
            : registrar.RegisterAsync(credentials.Company ?? throw new InvalidOperationException("The credentials hold neither a company nor an OAuth seed."), origin, cancellationToken);
    }

    /// <summary>Sends <paramref name="company"/>'s whole set (fullSet, which applies to companies of access keys and static tokens only).</summary>
    public Task<RegistrationOutcome> SendSetAsync(GongCompany company, CancellationToken cancellationToken) =>
        registrar.SendSetAsync(company, cancellationToken);
}
