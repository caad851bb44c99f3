namespace GongOperator.Gong;

/// <summary>
/// Where the <see cref="RegistrationStrategyKind.FullSet"/> strategy learns a company's whole desired set, and where it
/// reports the origins of that set a refused call concerned but nobody was waiting for. The client knows nothing of
/// where origins are declared; the operator implements this from its cache.
/// </summary>
public interface ICompanyOriginSets
{
    /// <summary>
    /// Every origin that should be registered for the company <paramref name="isThisCompany"/> accepts (it compares
    /// budget identity, so a rotated secret of the same key is the same company). Never a subset: a call carries it
    /// whole and, against a Gong that replaces, removes whatever it leaves out. Each origin comes with the company as
    /// its own Secret resolves now, so the client can tell when the set's Secrets disagree on the credentials.
    /// </summary>
    IReadOnlyCollection<(OriginRegistration Origin, GongCompany Company)> DesiredSet(Func<GongCompany, bool> isThisCompany);

    /// <summary>
    /// Gong's answer concerned <paramref name="origins"/> of the company's set although no caller waited for them
    /// (a 400 naming them, a 400 naming none, a set too large, credentials that differ): the operator writes it into their status.
    /// </summary>
    void Concerned(Func<GongCompany, bool> isThisCompany, IReadOnlyCollection<OriginRegistration> origins, RegistrationOutcome outcome);
}
