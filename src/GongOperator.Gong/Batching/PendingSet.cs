namespace GongOperator.Gong.Batching;

/// <summary>A request for one fullSet call carrying the company's set as it is then (a removal), with the credentials it came with.</summary>
internal sealed record PendingSet(GongCompany Company, TaskCompletionSource<RegistrationOutcome> Waiter, DateTimeOffset Since)
{
    /// <summary>Answers the caller with <paramref name="outcome"/>, or, when there is none (the client stops), cancels it.</summary>
    public void SettleOrCancel(RegistrationOutcome? outcome, CancellationToken stopping)
    {
        if (outcome is not null)
        {
            Waiter.TrySetResult(outcome);
        }
        else
        {
            Waiter.TrySetCanceled(stopping);
        }
    }
}
