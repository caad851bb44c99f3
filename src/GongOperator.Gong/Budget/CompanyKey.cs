namespace GongOperator.Gong.Budget;

/// <summary>Identifies one Gong company's budget: base URL plus the company's non-secret identity (<see cref="GongCompany.CompanyIdentity"/>).</summary>
internal sealed record CompanyKey(string BaseUrl, string Identity, string Label)
{
    private const int LabelIdentityLength = 24;

    public static CompanyKey For(GongCompany company)
    {
        var identity = company.CompanyIdentity;
        // Only a fingerprint is cut short in the label: a name (a key id, a Secret) is what a person looks for.
        var shortIdentity = identity.Length <= LabelIdentityLength || !identity.StartsWith(BearerCredentials.IdentityPrefix, StringComparison.Ordinal)
            ? identity
            : identity[..LabelIdentityLength];
        return new CompanyKey(company.BaseUrl.AbsoluteUri, identity, company.BaseUrl.Authority + "/" + shortIdentity);
    }

    /// <summary>One string, used to select the company's resilience pipeline (its own circuit breaker).</summary>
    public string PipelineKey => BaseUrl + " " + Identity;
}
