using GongOperator.Gong.Api;
using GongOperator.Gong.Budget;
using GongOperator.Gong.Metrics;
using Microsoft.Extensions.Logging;

namespace GongOperator.Gong.Batching;

/// <summary>
/// Sends one company's registrations, one call at a time: waits for the budget, asks the <see cref="SendPolicy"/>
/// when and how many leave and the strategy what the call holds, and settles every caller. Registrations that arrive
/// while the company waits for budget (or while a call is in flight) pile up and leave together in the next call.
/// The loop stops when nothing waits.
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
    private readonly Dictionary<OriginRegistration, PendingOrigin> _waitingByOrigin = [];
    private bool _running;
    private GongCompany? _company;

    public CompanyBudget Budget { get; } = budget;

    public void Enqueue(GongCompany latest, OriginRegistration origin, TaskCompletionSource<RegistrationOutcome> waiter)
    {
        bool start;
        lock (_gate)
        {
            // The latest credentials win: a rotated secret for the same key id is used from now on.
            _company = latest;
            if (!_waitingByOrigin.TryGetValue(origin, out var pending))
            {
                pending = new PendingOrigin(origin, time.GetUtcNow());
                _waitingByOrigin.Add(origin, pending);
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

                    // The list is oldest first: removals keep the order.
                    target = _company!;
                    decision = sendPolicy.Decide(budgetNow, new WaitingOrigins(_waiting.Count, _waiting[0].Since));
                    switch (decision)
                    {
                        case SendDecision.AnswerAll closed:
                            CountRefusal(budgetNow);
                            _waiting.ForEach(p => p.Settle(closed.Outcome));
                            _waiting.Clear();
                            _waitingByOrigin.Clear();
                            continue;
                        case SendDecision.Send send:
                            next = Take(target, send.MaxOrigins);
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

    /// <summary>
    /// Makes the planned call; when Gong refuses a call of several as a whole, splits it until each origin has its answer.
    /// A 409 for a small call, or for both halves of a refused call, is taken as "Gong already has most of these" (a
    /// re-adoption: the namespace re-applied, a new cluster): the rest are asked one by one instead of bisected further,
    /// so n origins Gong already has cost at most n + ⌈log2 n⌉ calls, not about 2n.
    /// </summary>
    private async Task SendAsync(GongCompany target, RegistrationCall first, Dictionary<OriginRegistration, PendingOrigin> taken)
    {
        var label = Budget.Key.Label;
        var steps = new Stack<SplitStep>();
        steps.Push(new SplitStep(first));
        try
        {
            while (steps.TryPop(out var step))
            {
                var call = step.Call;
                var outcome = await WaitForBudgetAsync().ConfigureAwait(false)
                    ?? await api.PostAsync(target, Budget, call.Body, stopping).ConfigureAwait(false);
                var conflict = outcome is AlreadyRegistered;
                if (step.RefusedFirstHalf is { } refusedFirst)
                {
                    // The first half's fate waited for this answer: both refused with 409 means one by one.
                    PushSplit(steps, target, refusedFirst, oneByOne: conflict, label, outcome);
                }

                if (outcome.MayConcernPartOfTheCall && call.Answers.Count > 1)
                {
                    if (conflict && step.LaterHalf is { } later)
                    {
                        steps.Push(new SplitStep(later, RefusedFirstHalf: call));
                        continue;
                    }

                    if (step.LaterHalf is { } next)
                    {
                        steps.Push(new SplitStep(next));
                    }

                    var oneByOne = (conflict && call.Answers.Count <= SmallConflictBatch) || (conflict && step.RefusedFirstHalf is not null);
                    if (PushSplit(steps, target, call, oneByOne, label, outcome))
                    {
                        continue;
                    }
                }
                else if (step.LaterHalf is { } next)
                {
                    steps.Push(new SplitStep(next));
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

    /// <summary>A refused call of at most this many origins, all refused with 409, is asked one by one (never more calls than bisecting it).</summary>
    private const int SmallConflictBatch = 4;

    /// <summary>
    /// Pushes the parts of a refused call (the strategy's halves, or one call per origin); false when the strategy
    /// cannot split its calls (the refusal then answers them all).
    /// </summary>
    private bool PushSplit(Stack<SplitStep> steps, GongCompany target, RegistrationCall refused, bool oneByOne, string label, RegistrationOutcome outcome)
    {
        var parts = strategy.SplitRefusedCall(target, refused);
        if (parts.Count == 0)
        {
            return false;
        }

        if (oneByOne)
        {
            Log.SplittingRefusedCall(logger, label, outcome.GetType().Name, refused.Answers.Count, refused.Answers.Count);
            for (var i = refused.Answers.Count - 1; i >= 0; i--)
            {
                var single = refused.Answers[i];
                steps.Push(new SplitStep(new RegistrationCall([single], [single])));
            }

            return true;
        }

        Log.SplittingRefusedCall(logger, label, outcome.GetType().Name, refused.Answers.Count, parts.Count);
        if (parts.Count == 2)
        {
            // Two halves travel as a pair, so the second can learn that the first was refused too.
            steps.Push(new SplitStep(parts[0], LaterHalf: parts[1]));
            return true;
        }

        for (var i = parts.Count - 1; i >= 0; i--)
        {
            steps.Push(new SplitStep(parts[i]));
        }

        return true;
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

    /// <summary>Takes the strategy's next call (at most <paramref name="maxOrigins"/>) out of the waiting list. Call under <see cref="_gate"/>.</summary>
    private (RegistrationCall Call, Dictionary<OriginRegistration, PendingOrigin> Taken) Take(GongCompany target, int maxOrigins)
    {
        var call = strategy.PlanCall(target, _waiting.ConvertAll(p => p.Origin), maxOrigins);
        var taken = new Dictionary<OriginRegistration, PendingOrigin>(call.Answers.Count);
        foreach (var origin in call.Answers)
        {
            if (_waitingByOrigin.Remove(origin, out var pending))
            {
                taken[origin] = pending;
            }
        }

        _waiting.RemoveAll(p => taken.ContainsKey(p.Origin));
        return (call, taken);
    }

    private void CountTokenWait() => metrics.CountRateLimitWait("token");

    /// <summary>Drops abandoned origins; when nothing is left, marks the worker stopped and returns true. Call under <see cref="_gate"/>.</summary>
    private bool StopIfIdle()
    {
        _waiting.RemoveAll(p => p.Abandoned && _waitingByOrigin.Remove(p.Origin));
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
