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

    /// <summary>
    /// Under <see cref="RegistrationStrategyKind.FullSet"/>: asks for a call carrying the company's set as it is now
    /// (an origin deleted since is no longer in it) and answers that call's outcome. Requests that arrive while the
    /// company waits for budget leave in one call. Throws <see cref="NotSupportedException"/> for a company that
    /// does not use FullSet (an incremental call cannot remove anything).
    /// </summary>
    Task<RegistrationOutcome> SendSetAsync(GongCompany company, CancellationToken ct) =>
        throw new NotSupportedException("Only a fullSet company's set can be sent.");
}
