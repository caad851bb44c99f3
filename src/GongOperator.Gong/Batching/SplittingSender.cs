using Microsoft.Extensions.Logging;

namespace GongOperator.Gong.Batching;

/// <summary>
/// Makes one planned call of waiting origins and, when Gong refuses a call of several as a whole, splits it until each
/// origin has its answer. A 409 for a small call, or for both halves of a refused call, is taken as "Gong already has
/// most of these" (a re-adoption: the namespace re-applied, a new cluster): the rest are asked one by one instead of
/// bisected further, so n origins Gong already has cost at most n + ⌈log2 n⌉ calls, not about 2n.
/// </summary>
internal sealed class SplittingSender(CompanyCalls calls, IRegistrationStrategy strategy, ILogger logger)
{
    /// <summary>A refused call of at most this many origins, all refused with 409, is asked one by one (never more calls than bisecting it).</summary>
    private const int SmallConflictBatch = 4;

    /// <summary>Sends <paramref name="first"/> for <paramref name="target"/> and answers every origin of <paramref name="taken"/>.</summary>
    public async Task SendAsync(GongCompany target, RegistrationCall first, Dictionary<OriginRegistration, PendingOrigin> taken)
    {
        var steps = new Stack<SplitStep>();
        steps.Push(new SplitStep(first));
        try
        {
            while (steps.TryPop(out var step))
            {
                var call = step.Call;
                var outcome = await calls.PostAsync(target, call.Body).ConfigureAwait(false);
                var conflict = outcome is AlreadyRegistered;
                if (step.RefusedFirstHalf is { } refusedFirst)
                {
                    // The first half's fate waited for this answer: both refused with 409 means one by one.
                    PushSplit(steps, target, refusedFirst, oneByOne: conflict, outcome);
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

                    var oneByOne = conflict && (call.Answers.Count <= SmallConflictBatch || step.RefusedFirstHalf is not null);
                    if (PushSplit(steps, target, call, oneByOne, outcome))
                    {
                        continue;
                    }
                }
                else if (step.LaterHalf is { } next)
                {
                    steps.Push(new SplitStep(next));
                }

                OutcomeLog.Write(logger, calls.Label, call, outcome);
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
            var leftover = calls.Stopping.IsCancellationRequested ? null : Unavailable.InternalClientError();
            foreach (var pending in taken.Values)
            {
                pending.SettleOrCancel(leftover, calls.Stopping);
            }
        }
    }

    /// <summary>
    /// Pushes the parts of a refused call (the strategy's halves, or one call per origin); false when the strategy
    /// cannot split its calls (the refusal then answers them all).
    /// </summary>
    private bool PushSplit(Stack<SplitStep> steps, GongCompany target, RegistrationCall refused, bool oneByOne, RegistrationOutcome outcome)
    {
        var parts = strategy.SplitRefusedCall(target, refused);
        if (parts.Count == 0)
        {
            return false;
        }

        if (oneByOne)
        {
            Log.SplittingRefusedCall(logger, calls.Label, outcome.GetType().Name, refused.Answers.Count, refused.Answers.Count);
            for (var i = refused.Answers.Count - 1; i >= 0; i--)
            {
                var single = refused.Answers[i];
                steps.Push(new SplitStep(new RegistrationCall([single], [single])));
            }

            return true;
        }

        Log.SplittingRefusedCall(logger, calls.Label, outcome.GetType().Name, refused.Answers.Count, parts.Count);
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
}
