using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Resources;

namespace GongOperator.Reconciliation;

/// <summary>
/// A company's desired set for the fullSet strategy, read from the origins cache: every origin that is not being
/// deleted, has a valid spec, whose credentials resolve to the company and which the tenant policy allows to use them
/// (paused ones included: pausing stops calls for an origin, it does not remove it). Origins a refused call concerned without a caller waiting for them get
/// that answer written like any other, through <see cref="PendingRegistrations"/>.
/// </summary>
public sealed class CompanyOriginSets(Func<IReadOnlyList<GongIntegrationOrigin>> cache, CredentialsResolver credentials, PendingRegistrations pending) : ICompanyOriginSets
{
    /// <inheritdoc />
    public IReadOnlyCollection<(OriginRegistration Origin, GongCompany Company)> DesiredSet(Func<GongCompany, bool> isThisCompany) =>
        Members(isThisCompany).Select(m => (m.Registration, m.Credentials.Company!)).ToList();

    /// <inheritdoc />
    public void Concerned(Func<GongCompany, bool> isThisCompany, IReadOnlyCollection<OriginRegistration> origins, RegistrationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(origins);
        var wanted = origins.ToHashSet();
        foreach (var (origin, registration, resolved) in Members(isThisCompany))
        {
            if (wanted.Contains(registration))
            {
                var key = new ObjectKey(origin.Metadata.NamespaceProperty, origin.Metadata.Name);
                pending.Start(key, origin.Generation(), registration, resolved, origin.ReassertToken(), _ => Task.FromResult(outcome), CancellationToken.None);
            }
        }
    }

    private IEnumerable<(GongIntegrationOrigin Origin, OriginRegistration Registration, Credentials Credentials)> Members(Func<GongCompany, bool> isThisCompany)
    {
        ArgumentNullException.ThrowIfNull(isThisCompany);
        foreach (var origin in cache())
        {
            if (origin.Metadata.DeletionTimestamp is not null || RegistrationPlanner.ValidateSpec(origin.Spec) is not null)
            {
                continue;
            }

            var resolved = credentials.Resolve(origin);
            if (resolved.Company is { } company && isThisCompany(company) && RegistrationPlanner.MayRegister(origin, resolved))
            {
                yield return (origin, new OriginRegistration(origin.Spec.IntegrationType, origin.Spec.AllowedOrigin), resolved);
            }
        }
    }
}
