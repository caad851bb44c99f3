namespace GongOperator.Gong;

/// <summary>
/// The one place that decides what a call for a company contains: the waiting origins themselves (incremental, the
/// container's strategy) or the company's whole set (fullSet, see <see cref="RegistrationStrategyKind"/>). The company's
/// worker asks it for the next call and, when Gong refuses a call of several as a whole, how to split it.
/// </summary>
public interface IRegistrationStrategy
{
    /// <summary>
    /// Plans the next call for <paramref name="company"/> from the registrations waiting for it (distinct,
    /// oldest first, never empty). The plan's <see cref="RegistrationCall.Answers"/> must be taken from
    /// <paramref name="waiting"/> and be non-empty; the rest keep waiting for a later call.
    /// </summary>
    RegistrationCall PlanCall(GongCompany company, IReadOnlyList<OriginRegistration> waiting, int maxBatchSize);

    /// <summary>
    /// Splits a call Gong refused as a whole (400 or 409) into smaller calls that find the origins it objects
    /// to, or returns an empty list when this strategy's calls cannot be split (the refusal then answers them all).
    /// </summary>
    IReadOnlyList<RegistrationCall> SplitRefusedCall(GongCompany company, RegistrationCall refused);
}
