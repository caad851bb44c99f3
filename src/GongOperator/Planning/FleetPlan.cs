using GongOperator.Gong;

namespace GongOperator.Planning;

/// <summary>The plan of a whole set of origins: per company, and every origin that would be refused.</summary>
/// <param name="Origins">Origins read (objects being deleted are not counted).</param>
/// <param name="Companies">One entry per Gong company, in a stable order.</param>
/// <param name="Refused">Origins that would get no call, with the reason.</param>
/// <param name="Strategy">The registration strategy planned for.</param>
/// <param name="BatchSize">Origins per call.</param>
/// <param name="CallsPerSecond">The rate limit per company.</param>
/// <param name="DailyQuota">Calls a day per company.</param>
internal sealed record FleetPlan(
    int Origins,
    IReadOnlyList<CompanyPlan> Companies,
    IReadOnlyList<RefusedOrigin> Refused,
    RegistrationStrategyKind Strategy,
    int BatchSize,
    double CallsPerSecond,
    int DailyQuota)
{
    /// <summary>Gong calls over all companies.</summary>
    public int Calls => Companies.Sum(c => c.Calls);
}
