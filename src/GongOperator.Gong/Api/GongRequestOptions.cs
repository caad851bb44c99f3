using GongOperator.Gong.Budget;

namespace GongOperator.Gong.Api;

/// <summary>What a request carries for the handlers below the client: its company's budget and pipeline key.</summary>
internal static class GongRequestOptions
{
    public static readonly HttpRequestOptionsKey<CompanyBudget> Budget = new("GongOperator.Gong.Budget");

    public static readonly HttpRequestOptionsKey<string> PipelineKey = new("GongOperator.Gong.PipelineKey");
}
