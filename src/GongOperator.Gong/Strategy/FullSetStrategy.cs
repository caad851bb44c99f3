namespace GongOperator.Gong.Strategy;

/// <summary>
/// Every call carries the company's whole desired set (so that, against a Gong whose POST replaces the list, leaving
/// an origin out removes it) and answers every caller waiting. A refused call is never split: a subset is a deletion.
/// </summary>
internal sealed class FullSetStrategy(IEnumerable<OriginRegistration> desiredSet) : IRegistrationStrategy
{
    public RegistrationCall PlanCall(GongCompany company, IReadOnlyList<OriginRegistration> waiting, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(waiting);

        // The waiting origins are in the set by definition (a caller asked for them); a removal is the set without it.
        var body = new List<OriginRegistration>();
        var seen = new HashSet<OriginRegistration>();
        foreach (var origin in desiredSet.Concat(waiting))
        {
            if (seen.Add(origin))
            {
                body.Add(origin);
            }
        }

        return new RegistrationCall(waiting, body);
    }

    public IReadOnlyList<RegistrationCall> SplitRefusedCall(GongCompany company, RegistrationCall refused) => [];
}
