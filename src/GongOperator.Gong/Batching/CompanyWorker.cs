using GongOperator.Gong.Api;
using GongOperator.Gong.Budget;
using System.Text.RegularExpressions;
using GongOperator.Gong.Metrics;
using GongOperator.Gong.Strategy;
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
    ICompanyOriginSets? sets,
    GongClientOptions options,
    SendPolicy sendPolicy,
    TimeProvider time,
    GongMetrics metrics,
    ILogger logger,
    CancellationToken stopping)
{
    private readonly Lock _gate = new();
    private readonly List<PendingOrigin> _waiting = [];
    private readonly Dictionary<OriginRegistration, PendingOrigin> _waitingByOrigin = [];
    private readonly List<TaskCompletionSource<RegistrationOutcome>> _setWaiters = [];

    // Origins a 400 named under fullSet: left out of this company's calls until someone asks for them again.
    private readonly HashSet<OriginRegistration> _excluded = [];
    private DateTimeOffset _setSince;
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
            _excluded.Remove(origin);
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

    /// <summary>Asks for one call carrying the company's set as it is then (fullSet); answered with that call's outcome.</summary>
    public void EnqueueSet(GongCompany latest, TaskCompletionSource<RegistrationOutcome> waiter)
    {
        bool start;
        lock (_gate)
        {
            _company = latest;
            if (_setWaiters.Count == 0)
            {
                _setSince = time.GetUtcNow();
            }

            _setWaiters.Add(waiter);
            start = !_running;
            _running = true;
        }

        if (start)
        {
            _ = Task.Run(RunAsync, CancellationToken.None);
        }
    }

    /// <summary>True when calls for <paramref name="company"/> carry its whole set.</summary>
    public bool UsesFullSet(GongCompany company) => (company.Strategy ?? options.Strategy) == RegistrationStrategyKind.FullSet;

    private bool IsThisCompany(GongCompany company) => CompanyKey.For(company) == Budget.Key;

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
                (Dictionary<OriginRegistration, PendingOrigin> Taken, List<TaskCompletionSource<RegistrationOutcome>> SetWaiters)? fullSet = null;
                lock (_gate)
                {
                    if (StopIfIdle())
                    {
                        return;
                    }

                    // The list is oldest first: removals keep the order.
                    target = _company!;
                    var oldest = _waiting.Count == 0 ? _setSince : _setWaiters.Count == 0 ? _waiting[0].Since : Min(_waiting[0].Since, _setSince);
                    decision = sendPolicy.Decide(budgetNow, new WaitingOrigins(_waiting.Count + _setWaiters.Count, oldest));
                    switch (decision)
                    {
                        case SendDecision.AnswerAll closed:
                            CountRefusal(budgetNow);
                            _waiting.ForEach(p => p.Settle(closed.Outcome));
                            _waiting.Clear();
                            _waitingByOrigin.Clear();
                            _setWaiters.ForEach(w => w.TrySetResult(closed.Outcome));
                            _setWaiters.Clear();
                            continue;
                        case SendDecision.Send when UsesFullSet(target):
                            fullSet = TakeAll();
                            break;
                        case SendDecision.Send send:
                            next = Take(target, send.MaxOrigins);
                            break;
                    }
                }

                if (fullSet is { } everything)
                {
                    await SendFullSetAsync(target, everything.Taken, everything.SetWaiters).ConfigureAwait(false);
                    continue;
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
                foreach (var waiter in _setWaiters)
                {
                    if (failure is null)
                    {
                        waiter.TrySetCanceled(stopping);
                    }
                    else
                    {
                        waiter.TrySetResult(failure);
                    }
                }

                _setWaiters.Clear();
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

    /// <summary>
    /// Sends the company's whole set once, answering every origin waiting and every set request. A 400 that names
    /// origins of the set leaves them out and sends the rest again; a 400 that names none answers the whole set
    /// Rejected (no bisection: a subset is a deletion). A set larger than <see cref="GongClientOptions.MaxSetSize"/> is
    /// not sent.
    /// </summary>
    private async Task SendFullSetAsync(GongCompany target, Dictionary<OriginRegistration, PendingOrigin> taken, List<TaskCompletionSource<RegistrationOutcome>> setWaiters)
    {
        var label = Budget.Key.Label;
        RegistrationOutcome? final = null;
        try
        {
            var call = new FullSetStrategy(sets ?? throw new InvalidOperationException("FullSet needs an ICompanyOriginSets in the container."), IsThisCompany)
                .PlanCall(target, [.. taken.Keys], options.MaxSetSize);
            List<OriginRegistration> body;
            lock (_gate)
            {
                body = call.Body.Where(o => !_excluded.Contains(o) || taken.ContainsKey(o)).ToList();
            }

            if (body.Count > options.MaxSetSize)
            {
                final = new SetTooLarge(body.Count, options.MaxSetSize);
                Log.SetTooLarge(logger, label, body.Count, options.MaxSetSize);
                Answer(body, final);
                return;
            }

            while (true)
            {
                var outcome = await WaitForBudgetAsync().ConfigureAwait(false)
                    ?? await api.PostAsync(target, Budget, body, stopping).ConfigureAwait(false);
                if (body.Count > 0)
                {
                    LogOutcome(label, new RegistrationCall(body, body), outcome);
                }
                else
                {
                    Log.Answered(logger, label, 0, outcome.GetType().Name, outcome.RequestId);
                }

                if (outcome is Rejected)
                {
                    var named = body.Where(o => outcome.Errors.Any(e => Names(e, o.AllowedOrigin))).ToList();
                    if (named.Count > 0)
                    {
                        lock (_gate)
                        {
                            _excluded.UnionWith(named);
                        }

                        Answer(named, outcome);
                        body = body.Except(named).ToList();
                        continue;
                    }

                    // Nothing named: every origin of the set hears the refusal, and none is left out of later calls.
                    Answer(body, outcome);
                    final = outcome;
                    return;
                }

                final = outcome;
                Answer(body, outcome);
                return;
            }
        }
        finally
        {
            var leftover = final ?? Unavailable.InternalClientError();
            foreach (var pending in taken.Values)
            {
                if (stopping.IsCancellationRequested && final is null)
                {
                    pending.Waiters.ForEach(w => w.TrySetCanceled(stopping));
                }
                else
                {
                    pending.Settle(leftover);
                }
            }

            setWaiters.ForEach(w =>
            {
                if (stopping.IsCancellationRequested && final is null)
                {
                    w.TrySetCanceled(stopping);
                }
                else
                {
                    w.TrySetResult(leftover);
                }
            });
        }

        // The waiting origins hear it through their callers; the rest of the set through the operator.
        void Answer(List<OriginRegistration> origins, RegistrationOutcome outcome)
        {
            var unasked = new List<OriginRegistration>();
            foreach (var origin in origins)
            {
                if (taken.Remove(origin, out var pending))
                {
                    pending.Settle(outcome);
                }
                else
                {
                    unasked.Add(origin);
                }
            }

            if (unasked.Count > 0 && outcome is not Registered)
            {
                sets?.Concerned(IsThisCompany, unasked, outcome);
            }
        }
    }

    /// <summary>True when Gong's error text names <paramref name="origin"/> (and not merely a longer host that starts with it).</summary>
    private static bool Names(string error, string origin) =>
        Regex.IsMatch(error, Regex.Escape(origin) + @"(?![\w.:-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Takes everything waiting (fullSet: every change leaves in the one call). Call under <see cref="_gate"/>.</summary>
    private (Dictionary<OriginRegistration, PendingOrigin> Taken, List<TaskCompletionSource<RegistrationOutcome>> SetWaiters) TakeAll()
    {
        var taken = new Dictionary<OriginRegistration, PendingOrigin>(_waitingByOrigin);
        var setWaiters = new List<TaskCompletionSource<RegistrationOutcome>>(_setWaiters);
        _waiting.Clear();
        _waitingByOrigin.Clear();
        _setWaiters.Clear();
        return (taken, setWaiters);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

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
        _setWaiters.RemoveAll(w => w.Task.IsCompleted);
        if (_waiting.Count > 0 || _setWaiters.Count > 0)
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
