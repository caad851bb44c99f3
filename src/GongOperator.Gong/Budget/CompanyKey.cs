namespace GongOperator.Gong.Budget;

/// <summary>Identifies one Gong company's budget: base URL plus the non-secret company identity of its credentials.</summary>
internal sealed record CompanyKey(string BaseUrl, string Identity, string Label)
{
    public static CompanyKey For(GongCompany company) =>
        new(company.BaseUrl.AbsoluteUri, company.Credentials.Identity, company.BaseUrl.Authority + "/" + company.Credentials.ShortIdentity);

    /// <summary>One string, used to select the company's resilience pipeline (its own circuit breaker).</summary>
    public string PipelineKey => BaseUrl + " " + Identity;
}
