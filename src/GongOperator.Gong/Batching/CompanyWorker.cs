using GongOperator.Gong.Budget;
using Microsoft.Extensions.Logging;

namespace GongOperator.Gong.Batching;

/// <summary>
/// Sends one company's registrations, one call at a time: waits for the budget, asks the <see cref="ISendPolicy"/>
/// when and how many leave and the strategy what the call holds, and hands the call to a sender
/// (<see cref="SplittingSender"/>, or <see cref="FullSetSender"/> for a fullSet company), which settles every caller.
/// Registrations that arrive while the company waits for budget (or while a call is in flight) pile up and leave
/// together in the next call. The loop stops when nothing waits. The budget is the company's; a call is not: it
/// carries the origins of one credential fingerprint only (the oldest waiting origin's), so two Secrets with the same
/// access key id but different secrets never share a call, and each origin hears the answer to its own credentials.
/// </summary>
internal sealed class CompanyWorker(
    CompanyCalls calls,
    IRegistrationStrategy strategy,
    ICompanyOriginSets? sets,
    GongClientOptions options,
    ISendPolicy sendPolicy,
    TimeProvider time,
    ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly List<PendingOrigin> _waiting = [];
    private readonly Dictionary<(string Fingerprint, OriginRegistration Origin), PendingOrigin> _waitingByOrigin = [];
    private readonly List<PendingSet> _setWaiters = [];
    private readonly SplittingSender _splitting = new(calls, strategy, logger);
    private readonly FullSetSender _fullSet = new(calls, sets, options, logger);
    private bool _running;

    // Set while the worker waits for a time the send policy named: an arrival ends the wait, so the policy is asked
    // again with what waits then (a batch that fills up leaves at once, not at that time).
    private TaskCompletionSource? _arrival;

    public CompanyBudget Budget => calls.Budget;

    public void Enqueue(GongCompany company, OriginRegistration origin, TaskCompletionSource<RegistrationOutcome> waiter)
    {
        bool start;
        lock (_gate)
        {
            // An origin a 400 left out of the fullSet calls is in them again once someone asks for it again.
            _fullSet.Include(origin);

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

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                calls.Stopping.ThrowIfCancellationRequested();
                lock (_gate)
                {
                    // Nothing left to send: stop before asking the budget, so an idle worker never "waits" for a token.
                    if (StopIfIdle())
                    {
                        return;
                    }
                }

                var budgetNow = await calls.WaitForPaceAsync().ConfigureAwait(false);
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
                        ? sendPolicy.Decide(budgetNow, new WaitingOrigins(_waiting.Count + _setWaiters.Count, OldestSince(), NewestSince()))
                        : sendPolicy.Decide(budgetNow, new WaitingOrigins(group.Count, group[0].Since, group[^1].Since));
                    switch (decision)
                    {
                        case SendDecision.AnswerAll closed:
                            calls.CountRefusal(budgetNow);
                            AnswerEveryone(closed.Outcome);
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
                    await _fullSet.SendAsync(target, everything.Taken, everything.SetWaiters).ConfigureAwait(false);
                    continue;
                }

                if (next is { } taking)
                {
                    await _splitting.SendAsync(target, taking.Call, taking.Taken).ConfigureAwait(false);
                    continue;
                }

                await WaitUntilOrArrivalAsync(((SendDecision.WaitUntil)decision).At, arrival!).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // A catch-all on purpose: whatever stops the loop, no caller may be left waiting.
            RegistrationOutcome? failure = null;
            if (!(e is OperationCanceledException && calls.Stopping.IsCancellationRequested))
            {
                Log.WorkerFailed(logger, calls.Label, e);
                failure = Unavailable.InternalClientError();
            }

            lock (_gate)
            {
                AnswerEveryone(failure);
                _running = false;
            }
        }
    }

    /// <summary>Answers every origin and set request waiting with <paramref name="outcome"/> (null: cancels them). Call under <see cref="_gate"/>.</summary>
    private void AnswerEveryone(RegistrationOutcome? outcome)
    {
        _waiting.ForEach(p => p.SettleOrCancel(outcome, calls.Stopping));
        _waiting.Clear();
        _waitingByOrigin.Clear();
        _setWaiters.ForEach(w => w.SettleOrCancel(outcome, calls.Stopping));
        _setWaiters.Clear();
    }

    /// <summary>Waits until <paramref name="at"/> (on <see cref="TimeProvider"/>) or until a registration arrives, whichever comes first.</summary>
    private async Task WaitUntilOrArrivalAsync(DateTimeOffset at, Task arrival)
    {
        var delay = at - time.GetUtcNow();
        if (delay > TimeSpan.Zero)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(calls.Stopping);
            await Task.WhenAny(Task.Delay(delay, time, deadline.Token), arrival).ConfigureAwait(false);
            // An arrival came first: the timer is not needed any more.
            await deadline.CancelAsync().ConfigureAwait(false);
        }

        calls.Stopping.ThrowIfCancellationRequested();
    }

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
    private GongCompany Oldest() => OldestIsASetRequest() ? _setWaiters[0].Company : _waiting[0].Company;

    /// <summary>When the oldest request waiting arrived. Call under <see cref="_gate"/> with something waiting.</summary>
    private DateTimeOffset OldestSince() => OldestIsASetRequest() ? _setWaiters[0].Since : _waiting[0].Since;

    /// <summary>When the newest request waiting arrived (both lists are oldest first). Call under <see cref="_gate"/> with something waiting.</summary>
    private DateTimeOffset NewestSince() =>
        _setWaiters.Count == 0 ? _waiting[^1].Since
        : _waiting.Count == 0 || _setWaiters[^1].Since > _waiting[^1].Since ? _setWaiters[^1].Since
        : _waiting[^1].Since;

    private bool OldestIsASetRequest() => _setWaiters.Count > 0 && (_waiting.Count == 0 || _setWaiters[0].Since < _waiting[0].Since);

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
}
