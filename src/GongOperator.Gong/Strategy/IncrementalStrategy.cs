namespace GongOperator.Gong.Strategy;

/// <summary>
/// The default strategy: a call carries the waiting origins themselves, up to the batch size; a refused
/// call of several is bisected so that Gong's answer for each origin is found.
/// </summary>
internal sealed class IncrementalStrategy : IRegistrationStrategy
{
    public RegistrationCall PlanCall(GongCompany company, IReadOnlyList<OriginRegistration> waiting, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        var taken = waiting.Count <= maxBatchSize ? waiting : waiting.Take(maxBatchSize).ToArray();
        return new RegistrationCall(taken, taken);
    }

    public IReadOnlyList<RegistrationCall> SplitRefusedCall(GongCompany company, RegistrationCall refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var origins = refused.Answers;
        if (origins.Count < 2)
        {
            return [];
        }

        var half = origins.Count / 2;
        var first = origins.Take(half).ToArray();
        var second = origins.Skip(half).ToArray();
        return [new RegistrationCall(first, first), new RegistrationCall(second, second)];
    }
}
