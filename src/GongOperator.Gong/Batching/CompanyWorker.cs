using GongOperator.Gong.Api;
using GongOperator.Gong.Budget;
using GongOperator.Gong.Metrics;
using Microsoft.Extensions.Logging;

namespace GongOperator.Gong.Batching;

/// <summary>
/// Sends one company's registrations, one call at a time: waits for the budget, asks the <see cref="SendPolicy"/>
/// when and how many leave and the strategy what the call holds, and settles every caller. Registrations that arrive
/// while the company waits for budget (or while a call is in flight) pile up and leave together in the next call.
/// The loop stops when nothing waits. The budget is the company's; a call is not: it carries the origins of one
/// credential fingerprint only (the oldest waiting origin's), so two Secrets with the same access key id but
/// different secrets never share a call, and each origin hears the answer to its own credentials.
/// </summary>
internal sealed class CompanyWorker(
    CompanyBudget budget,
    GongApiClient api,
    IRegistrationStrategy strategy,
    SendPolicy sendPolicy,
    TimeProvider time,
    GongMetrics metrics,
    ILogger logger,
    CancellationToken stopping)
{
    private readonly Lock _gate = new();
    private readonly List<PendingOrigin> _waiting = [];
    private readonly Dictionary<(string Fingerprint, OriginRegistration Origin), PendingOrigin> _waitingByOrigin = [];
    private bool _running;

    public CompanyBudget Budget { get; } = budget;

    public void Enqueue(GongCompany company, OriginRegistration origin, TaskCompletionSource<RegistrationOutcome> waiter)
    {
        bool start;
        lock (_gate)
        {
            // An origin waits with the credentials it came with: a rotated secret is used by the registrations made
            // with it, and an origin of another Secret of this company never leaves under these credentials.
            var key = (company.Credentials.Fingerprint, origin);
            if (!_waitingByOrigin.TryGetValue(key, out var pending))
            {
                pending = new PendingOrigin(company, origin, time.GetUtcNow());
                _waitingByOrigin.Add(key, pending);
                _waiting.Add(pending);
            }

            pending.Waiters.Add(waiter);
            start = !_running;
            _running = true;
        }

        if (start)
        {
            _ = Task.Run(RunAsync, CancellationToken.None);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                stopping.ThrowIfCancellationRequested();
                lock (_gate)
                {
                    // Nothing left to send: stop before asking the budget, so an idle worker never "waits" for a token.
                    if (StopIfIdle())
                    {
                        return;
                    }
                }

                var budgetNow = await Budget.WaitAsync(spend: false, time, CountTokenWait, stopping).ConfigureAwait(false);
                GongCompany target;
                SendDecision decision;
                (RegistrationCall Call, Dictionary<OriginRegistration, PendingOrigin> Taken)? next = null;
                lock (_gate)
                {
                    if (StopIfIdle())
                    {
                        return;
                    }

                    // The list is oldest first (removals keep the order): the oldest origin's credentials make the call.
                    target = _waiting[0].Company;
                    var group = _waiting.FindAll(p => p.Company.Credentials.Fingerprint == target.Credentials.Fingerprint);
                    decision = sendPolicy.Decide(budgetNow, new WaitingOrigins(group.Count, group[0].Since));
                    switch (decision)
                    {
                        case SendDecision.AnswerAll closed:
                            CountRefusal(budgetNow);
                            _waiting.ForEach(p => p.Settle(closed.Outcome));
                            _waiting.Clear();
                            _waitingByOrigin.Clear();
                            continue;
                        case SendDecision.Send send:
                            next = Take(target, group, send.MaxOrigins);
                            break;
                    }
                }

                if (next is { } taking)
                {
                    await SendAsync(target, taking.Call, taking.Taken).ConfigureAwait(false);
                    continue;
                }

                var delay = ((SendDecision.WaitUntil)decision).At - time.GetUtcNow();
                await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time, stopping).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // A catch-all on purpose: whatever stops the loop, no caller may be left waiting.
            RegistrationOutcome? failure = null;
            if (!(e is OperationCanceledException && stopping.IsCancellationRequested))
            {
                Log.WorkerFailed(logger, Budget.Key.Label, e);
                failure = Unavailable.InternalClientError();
            }

            lock (_gate)
            {
                foreach (var pending in _waiting)
                {
                    if (failure is null)
                    {
                        pending.Waiters.ForEach(w => w.TrySetCanceled(stopping));
                    }
                    else
                    {
                        pending.Settle(failure);
                    }
                }

                _waiting.Clear();
                _waitingByOrigin.Clear();
                _running = false;
            }
        }
    }

    /// <summary>Makes the planned call; when Gong refuses a call of several as a whole, splits it until each origin has its answer.</summary>
    private async Task SendAsync(GongCompany target, RegistrationCall first, Dictionary<OriginRegistration, PendingOrigin> taken)
    {
        var label = Budget.Key.Label;
        var calls = new Stack<RegistrationCall>();
        calls.Push(first);
        try
        {
            while (calls.TryPop(out var call))
            {
                var outcome = await WaitForBudgetAsync().ConfigureAwait(false)
                    ?? await api.PostAsync(target, Budget, call.Body, stopping).ConfigureAwait(false);
                if (outcome.MayConcernPartOfTheCall && call.Answers.Count > 1)
                {
                    var parts = strategy.SplitRefusedCall(target, call);
                    if (parts.Count > 0)
                    {
                        Log.SplittingRefusedCall(logger, label, outcome.GetType().Name, call.Answers.Count, parts.Count);
                        for (var i = parts.Count - 1; i >= 0; i--)
                        {
                            calls.Push(parts[i]);
                        }

                        continue;
                    }
                }

                LogOutcome(label, call, outcome);
                foreach (var origin in call.Answers)
                {
                    if (taken.TryGetValue(origin, out var pending))
                    {
                        pending.Settle(outcome);
                    }
                }
            }
        }
        finally
        {
            // Whatever was not answered (cancellation, a failure) must not leave callers hanging.
            var leftover = Unavailable.InternalClientError();
            foreach (var pending in taken.Values)
            {
                if (stopping.IsCancellationRequested)
                {
                    pending.Waiters.ForEach(w => w.TrySetCanceled(stopping));
                }
                else
                {
                    pending.Settle(leftover);
                }
            }
        }
    }

    /// <summary>Null when a call may be made now; else the outcome that closes the company.</summary>
    private async Task<RegistrationOutcome?> WaitForBudgetAsync()
    {
        var decision = await Budget.WaitAsync(spend: false, time, CountTokenWait, stopping).ConfigureAwait(false);
        if (decision.Verdict == BudgetVerdict.Granted)
        {
            return null;
        }

        CountRefusal(decision);
        return decision.ToClosedOutcome();
    }

    /// <summary>
    /// Takes the strategy's next call (at most <paramref name="maxOrigins"/>) out of <paramref name="group"/>, the waiting
    /// origins of <paramref name="target"/>'s credentials. Call under <see cref="_gate"/>.
    /// </summary>
    private (RegistrationCall Call, Dictionary<OriginRegistration, PendingOrigin> Taken) Take(GongCompany target, List<PendingOrigin> group, int maxOrigins)
    {
        var call = strategy.PlanCall(target, group.ConvertAll(p => p.Origin), maxOrigins);
        var taken = new Dictionary<OriginRegistration, PendingOrigin>(call.Answers.Count);
        foreach (var origin in call.Answers)
        {
            if (_waitingByOrigin.Remove((target.Credentials.Fingerprint, origin), out var pending))
            {
                taken[origin] = pending;
            }
        }

        _waiting.RemoveAll(p => taken.TryGetValue(p.Origin, out var took) && ReferenceEquals(took, p));
        return (call, taken);
    }

    private void CountTokenWait() => metrics.CountRateLimitWait("token");

    /// <summary>Drops abandoned origins; when nothing is left, marks the worker stopped and returns true. Call under <see cref="_gate"/>.</summary>
    private bool StopIfIdle()
    {
        _waiting.RemoveAll(p => p.Abandoned && _waitingByOrigin.Remove((p.Company.Credentials.Fingerprint, p.Origin)));
        if (_waiting.Count > 0)
        {
            return false;
        }

        _running = false;
        return true;
    }

    /// <summary>Counts a refusal by a closed company (a 429 or the daily quota).</summary>
    private void CountRefusal(BudgetDecision decision) =>
        metrics.CountRateLimitWait(decision.Verdict == BudgetVerdict.RateLimited ? "retry_after" : "quota");

    private void LogOutcome(string label, RegistrationCall call, RegistrationOutcome outcome)
    {
        var errors = string.Join("; ", outcome.Errors);
        switch (outcome)
        {
            case Registered registered:
                Log.Registered(logger, label, call.Answers.Count, registered.IntegrationId, outcome.RequestId);
                break;
            case AlreadyRegistered:
                Log.AlreadyRegistered(logger, label, call.Answers[0].IntegrationType, call.Answers[0].AllowedOrigin, outcome.RequestId);
                break;
            case Rejected:
                Log.Rejected(logger, label, call.Answers.Count, call.Answers[0].IntegrationType, call.Answers[0].AllowedOrigin, errors, outcome.RequestId);
                break;
            case Unauthorized unauthorized:
                Log.Unauthorized(logger, label, unauthorized.StatusCode, outcome.RequestId);
                break;
            case RateLimited limited:
                Log.CompanyClosed(logger, label, call.Answers.Count, limited.Until);
                break;
            case QuotaExhausted exhausted:
                Log.QuotaExhausted(logger, label, call.Answers.Count, exhausted.Until);
                break;
            case Unavailable unavailable:
                Log.Unavailable(logger, label, call.Answers.Count, unavailable.Reason, outcome.RequestId);
                break;
            default:
                // An outcome without a line of its own is still logged, so a new one is never silent.
                Log.Answered(logger, label, call.Answers.Count, outcome.GetType().Name, outcome.RequestId);
                break;
        }
    }
}
