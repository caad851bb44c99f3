namespace GongOperator.Gong;

/// <summary>Registers allowed origins with Gong inside each company's budget; the operator's only entry point.</summary>
public interface IGongRegistrar
{
    /// <summary>
    /// Registers one origin for a company. Concurrent calls for the same company are coalesced into
    /// batches; every caller gets its own outcome. Business outcomes (400, 409, 429, quota, outages)
    /// are results, not exceptions; only cancellation of <paramref name="ct"/> throws.
    /// </summary>
    Task<RegistrationOutcome> RegisterAsync(GongCompany company, OriginRegistration origin, CancellationToken ct);
}
