namespace GongOperator.Gong.Budget;

/// <summary>Identifies one Gong company's budget: base URL plus the non-secret credential identity.</summary>
internal sealed record CompanyKey(string BaseUrl, string Identity, string Label)
{
    private const int LabelIdentityLength = 24;

    public static CompanyKey For(GongCompany company)
    {
        var identity = company.Credentials.Identity;
        var shortIdentity = identity.Length <= LabelIdentityLength ? identity : identity[..LabelIdentityLength];
        return new CompanyKey(company.BaseUrl.AbsoluteUri, identity, company.BaseUrl.Authority + "/" + shortIdentity);
    }

    /// <summary>One string, used to select the company's resilience pipeline (its own circuit breaker).</summary>
    public string PipelineKey => BaseUrl + " " + Identity;
}
