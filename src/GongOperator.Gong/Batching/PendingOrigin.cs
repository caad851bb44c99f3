namespace GongOperator.Gong.Batching;

/// <summary>One distinct origin waiting for its company's next call, with the credentials it is to be sent with and every caller waiting for it.</summary>
internal sealed class PendingOrigin(GongCompany company, OriginRegistration origin, DateTimeOffset since)
{
    /// <summary>The company with the exact credentials this origin's callers gave.</summary>
    public GongCompany Company { get; } = company;

    public OriginRegistration Origin { get; } = origin;

    /// <summary>When the first caller asked for it.</summary>
    public DateTimeOffset Since { get; } = since;

    public List<TaskCompletionSource<RegistrationOutcome>> Waiters { get; } = [];

    /// <summary>True when every caller has gone (cancelled): nothing to send for it.</summary>
    public bool Abandoned => Waiters.TrueForAll(w => w.Task.IsCompleted);

    public void Settle(RegistrationOutcome outcome)
    {
        foreach (var waiter in Waiters)
        {
            waiter.TrySetResult(outcome);
        }
    }

    /// <summary>Answers every caller with <paramref name="outcome"/>, or, when there is none (the client stops), cancels them.</summary>
    public void SettleOrCancel(RegistrationOutcome? outcome, CancellationToken stopping)
    {
        if (outcome is not null)
        {
            Settle(outcome);
            return;
        }

        foreach (var waiter in Waiters)
        {
            waiter.TrySetCanceled(stopping);
        }
    }
}
