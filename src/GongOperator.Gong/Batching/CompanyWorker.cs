using System.Text.RegularExpressions;
using GongOperator.Gong.Api;
using GongOperator.Gong.Budget;
using GongOperator.Gong.Metrics;
using GongOperator.Gong.Strategy;
using Microsoft.Extensions.Logging;

namespace GongOperator.Gong.Batching;

/// <summary>
/// Sends one company's registrations, one call at a time: waits for the budget, asks the <see cref="SendPolicy"/>
/// when and how many leave and the strategy what the call holds, and settles every caller. Registrations that arrive
/// while the company waits for budget (or while a call is in flight) pile up and leave together in the next call.
/// The loop stops when nothing waits. The budget is the company's; a call is not: it carries the origins of one
/// credential fingerprint only (the oldest waiting origin's), so two Secrets with the same access key id but
/// different secrets never share a call, and each origin hears the answer to its own credentials. A fullSet company's
/// call instead carries its whole set, and is not made when the set's Secrets disagree on the credentials.
/// </summary>
internal sealed class CompanyWorker(
    CompanyBudget budget,
    GongApiClient api,
    IRegistrationStrategy strategy,
    ICompanyOriginSets? sets,
    GongClientOptions options,
    ISendPolicy sendPolicy,
    TimeProvider time,
    GongMetrics metrics,
    ILogger logger,
    CancellationToken stopping)
{
    private readonly Lock _gate = new();
    private readonly List<PendingOrigin> _waiting = [];
    private readonly Dictionary<(string Fingerprint, OriginRegistration Origin), PendingOrigin> _waitingByOrigin = [];
    private readonly List<PendingSet> _setWaiters = [];

    // Origins a 400 named under fullSet: left out of this company's calls until someone asks for them again.
    private readonly HashSet<OriginRegistration> _excluded = [];
    private bool _running;

    // Set while the worker waits for a time the send policy named: an arrival ends the wait, so the policy is asked
    // again with what waits then (a batch that fills up leaves at once, not at that time).
    private TaskCompletionSource? _arrival;

    public CompanyBudget Budget { get; } = budget;

    public void Enqueue(GongCompany company, OriginRegistration origin, TaskCompletionSource<RegistrationOutcome> waiter)
    {
        bool start;
        lock (_gate)
        {
            // An origin waits with the credentials it came with: a rotated secret is used by the registrations made
            // with it, and an origin of another Secret of this company never leaves under these credentials.
            _excluded.Remove(origin);
            var key = (company.Credentials.Fingerprint, origin);
            if (!_waitingByOrigin.TryGetValue(key, out var pending))
            {
                pending = new PendingOrigin(company, origin, time.GetUtcNow());
                _waitingByOrigin.Add(key, pending);
                _waiting.Add(pending);
            }

            pending.Waiters.Add(waiter);
            start = Arrived();
        }

        if (start)
        {
            _ = Task.Run(RunAsync, CancellationToken.None);
        }
    }

    /// <summary>Asks for one call carrying the company's set as it is then (fullSet); answered with that call's outcome.</summary>
    public void EnqueueSet(GongCompany company, TaskCompletionSource<RegistrationOutcome> waiter)
    {
        bool start;
        lock (_gate)
        {
            _setWaiters.Add(new PendingSet(company, waiter, time.GetUtcNow()));
            start = Arrived();
        }

        if (start)
        {
            _ = Task.Run(RunAsync, CancellationToken.None);
        }
    }

    /// <summary>Wakes a worker waiting for the send policy's time; true when no worker runs (the caller starts one). Call under <see cref="_gate"/>.</summary>
    private bool Arrived()
    {
        _arrival?.TrySetResult();
        _arrival = null;
        if (_running)
        {
            return false;
        }

        _running = true;
        return true;
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
                Task? arrival = null;
                (RegistrationCall Call, Dictionary<OriginRegistration, PendingOrigin> Taken)? next = null;
                (List<PendingOrigin> Taken, List<PendingSet> SetWaiters)? fullSet = null;
                lock (_gate)
                {
                    if (StopIfIdle())
                    {
                        return;
                    }

                    // The list is oldest first (removals keep the order): the oldest request's credentials make the call.
                    target = Oldest();
                    var group = _waiting.FindAll(p => p.Company.Credentials.Fingerprint == target.Credentials.Fingerprint);

                    // A set request whose company has since left fullSet still gets its one call of the whole set.
                    var asSet = UsesFullSet(target) || group.Count == 0;
                    _arrival = null;
                    decision = asSet
                        ? sendPolicy.Decide(budgetNow, new WaitingOrigins(_waiting.Count + _setWaiters.Count, OldestSince()))
                        : sendPolicy.Decide(budgetNow, new WaitingOrigins(group.Count, group[0].Since));
                    switch (decision)
                    {
                        case SendDecision.AnswerAll closed:
                            CountRefusal(budgetNow);
                            _waiting.ForEach(p => p.Settle(closed.Outcome));
                            _waiting.Clear();
                            _waitingByOrigin.Clear();
                            _setWaiters.ForEach(w => w.Waiter.TrySetResult(closed.Outcome));
                            _setWaiters.Clear();
                            continue;
                        case SendDecision.Send when asSet:
                            fullSet = TakeAll();
                            break;
                        case SendDecision.Send send:
                            next = Take(target, group, send.MaxOrigins);
                            break;
                        case SendDecision.WaitUntil:
                            _arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                            arrival = _arrival.Task;
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

                await WaitUntilOrArrivalAsync(((SendDecision.WaitUntil)decision).At, arrival!).ConfigureAwait(false);
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
                foreach (var set in _setWaiters)
                {
                    if (failure is null)
                    {
                        set.Waiter.TrySetCanceled(stopping);
                    }
                    else
                    {
                        set.Waiter.TrySetResult(failure);
                    }
                }

                _setWaiters.Clear();
                _running = false;
            }
        }
    }

    /// <summary>Waits until <paramref name="at"/> (on <see cref="TimeProvider"/>) or until a registration arrives, whichever comes first.</summary>
    private async Task WaitUntilOrArrivalAsync(DateTimeOffset at, Task arrival)
    {
        var delay = at - time.GetUtcNow();
        if (delay > TimeSpan.Zero)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            await Task.WhenAny(Task.Delay(delay, time, deadline.Token), arrival).ConfigureAwait(false);
            // An arrival came first: the timer is not needed any more.
            await deadline.CancelAsync().ConfigureAwait(false);
        }

        stopping.ThrowIfCancellationRequested();
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
    /// not sent, nor is a set whose origins give the company different credentials (the call would mix them, or
    /// delete the origins it leaves out); otherwise the call is made with the set's credentials as they resolve now.
    /// </summary>
    private async Task SendFullSetAsync(GongCompany target, List<PendingOrigin> taken, List<PendingSet> setWaiters)
    {
        var label = Budget.Key.Label;
        RegistrationOutcome? final = null;
        try
        {
            var members = (sets ?? throw new InvalidOperationException("FullSet needs an ICompanyOriginSets in the container.")).DesiredSet(IsThisCompany);
            var credentials = members.Select(m => m.Company).DistinctBy(c => c.Credentials.Fingerprint).ToList();
            var call = new FullSetStrategy(members.Select(m => m.Origin)).PlanCall(target, taken.ConvertAll(p => p.Origin), options.MaxSetSize);
            List<OriginRegistration> body;
            lock (_gate)
            {
                body = call.Body.Where(o => !_excluded.Contains(o) || taken.Exists(p => p.Origin == o)).ToList();
            }

            if (credentials.Count > 1)
            {
                final = new SetCredentialsDiffer(credentials.Count);
                Log.SetCredentialsDiffer(logger, label, credentials.Count);
                Answer(body, final);
                return;
            }

            if (body.Count > options.MaxSetSize)
            {
                final = new SetTooLarge(body.Count, options.MaxSetSize);
                Log.SetTooLarge(logger, label, body.Count, options.MaxSetSize);
                Answer(body, final);
                return;
            }

            // The Secret as it is now speaks for the set (a request queued before a rotation carries the old secret).
            var sender = credentials.Count == 1 ? credentials[0] : target;
            while (true)
            {
                var outcome = await WaitForBudgetAsync().ConfigureAwait(false)
                    ?? await api.PostAsync(sender, Budget, body, stopping).ConfigureAwait(false);
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
                }

                // Nothing named (or not a 400): every origin of the set hears the answer, and none is left out of later calls.
                final = outcome;
                Answer(body, outcome);
                return;
            }
        }
        finally
        {
            var cancelled = stopping.IsCancellationRequested && final is null;
            var leftover = final ?? Unavailable.InternalClientError();
            foreach (var pending in taken)
            {
                if (cancelled)
                {
                    pending.Waiters.ForEach(w => w.TrySetCanceled(stopping));
                }
                else
                {
                    pending.Settle(leftover);
                }
            }

            foreach (var set in setWaiters)
            {
                if (cancelled)
                {
                    set.Waiter.TrySetCanceled(stopping);
                }
                else
                {
                    set.Waiter.TrySetResult(leftover);
                }
            }
        }

        // The waiting origins hear it through their callers; the rest of the set through the operator.
        // The rest of the set is told first, so that whoever hears the answer finds the whole set's outcome recorded.
        void Answer(List<OriginRegistration> origins, RegistrationOutcome outcome)
        {
            var unasked = new List<OriginRegistration>();
            var settled = new List<PendingOrigin>();
            foreach (var origin in origins)
            {
                var asked = taken.FindAll(p => p.Origin == origin);
                settled.AddRange(asked);
                taken.RemoveAll(asked.Contains);
                if (asked.Count == 0)
                {
                    unasked.Add(origin);
                }
            }

            if (unasked.Count > 0 && outcome is not Registered)
            {
                sets?.Concerned(IsThisCompany, unasked, outcome);
            }

            settled.ForEach(p => p.Settle(outcome));
        }
    }

    /// <summary>True when Gong's error text names <paramref name="origin"/> (and not merely a longer host that starts with it).</summary>
    private static bool Names(string error, string origin) =>
        Regex.IsMatch(error, Regex.Escape(origin) + @"(?![\w.:-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Takes everything waiting, of every credential (fullSet: every change leaves in the one call). Call under <see cref="_gate"/>.</summary>
    private (List<PendingOrigin> Taken, List<PendingSet> SetWaiters) TakeAll()
    {
        var taken = new List<PendingOrigin>(_waiting);
        var setWaiters = new List<PendingSet>(_setWaiters);
        _waiting.Clear();
        _waitingByOrigin.Clear();
        _setWaiters.Clear();
        return (taken, setWaiters);
    }

    /// <summary>The company of the oldest request waiting, an origin's or a set request's. Call under <see cref="_gate"/> with something waiting.</summary>
    private GongCompany Oldest() =>
        _setWaiters.Count > 0 && (_waiting.Count == 0 || _setWaiters[0].Since < _waiting[0].Since) ? _setWaiters[0].Company : _waiting[0].Company;

    /// <summary>When the oldest request waiting arrived. Call under <see cref="_gate"/> with something waiting.</summary>
    private DateTimeOffset OldestSince() =>
        _setWaiters.Count > 0 && (_waiting.Count == 0 || _setWaiters[0].Since < _waiting[0].Since) ? _setWaiters[0].Since : _waiting[0].Since;

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
        _setWaiters.RemoveAll(w => w.Waiter.Task.IsCompleted);
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
