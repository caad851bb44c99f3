using System.Text.RegularExpressions;
using GongOperator.Gong.Strategy;
using Microsoft.Extensions.Logging;

namespace GongOperator.Gong.Batching;

/// <summary>
/// Sends a fullSet company's whole set once, answering every origin waiting and every set request. A 400 that names
/// origins of the set leaves them out and sends the rest again; a 400 that names none answers the whole set Rejected
/// (no bisection: a subset is a deletion). A set larger than <see cref="GongClientOptions.MaxSetSize"/> is not sent,
/// nor is a set whose origins give the company different credentials (the call would mix them, or delete the origins
/// it leaves out); otherwise the call is made with the set's credentials as they resolve now.
/// </summary>
internal sealed class FullSetSender(CompanyCalls calls, ICompanyOriginSets? sets, GongClientOptions options, ILogger logger)
{
    private readonly Lock _gate = new();

    // Origins a 400 named: left out of this company's calls until someone asks for them again.
    private readonly HashSet<OriginRegistration> _excluded = [];

    /// <summary>Someone asked for <paramref name="origin"/> again: it goes back into the company's calls.</summary>
    public void Include(OriginRegistration origin)
    {
        lock (_gate)
        {
            _excluded.Remove(origin);
        }
    }

    /// <summary>Sends the set for <paramref name="target"/>; answers every origin of <paramref name="taken"/> and every <paramref name="setWaiters"/>.</summary>
    public async Task SendAsync(GongCompany target, List<PendingOrigin> taken, List<PendingSet> setWaiters)
    {
        RegistrationOutcome? final = null;
        try
        {
            var members = (sets ?? throw new InvalidOperationException("FullSet needs an ICompanyOriginSets in the container.")).DesiredSet(calls.IsThisCompany);
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
                Log.SetCredentialsDiffer(logger, calls.Label, credentials.Count);
                Answer(taken, body, final);
                return;
            }

            if (body.Count > options.MaxSetSize)
            {
                final = new SetTooLarge(body.Count, options.MaxSetSize);
                Log.SetTooLarge(logger, calls.Label, body.Count, options.MaxSetSize);
                Answer(taken, body, final);
                return;
            }

            // The Secret as it is now speaks for the set (a request queued before a rotation carries the old secret).
            var sender = credentials.Count == 1 ? credentials[0] : target;
            while (true)
            {
                var outcome = await calls.PostAsync(sender, body).ConfigureAwait(false);
                if (body.Count > 0)
                {
                    OutcomeLog.Write(logger, calls.Label, new RegistrationCall(body, body), outcome);
                }
                else
                {
                    Log.Answered(logger, calls.Label, 0, outcome.GetType().Name, outcome.RequestId);
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

                        Answer(taken, named, outcome);
                        body = body.Except(named).ToList();
                        continue;
                    }
                }

                // Nothing named (or not a 400): every origin of the set hears the answer, and none is left out of later calls.
                final = outcome;
                Answer(taken, body, outcome);
                return;
            }
        }
        finally
        {
            var leftover = calls.Stopping.IsCancellationRequested && final is null ? null : final ?? Unavailable.InternalClientError();
            taken.ForEach(p => p.SettleOrCancel(leftover, calls.Stopping));
            setWaiters.ForEach(w => w.SettleOrCancel(leftover, calls.Stopping));
        }
    }

    /// <summary>True when Gong's error text names <paramref name="origin"/> (and not merely a longer host that starts with it).</summary>
    private static bool Names(string error, string origin) =>
        Regex.IsMatch(error, Regex.Escape(origin) + @"(?![\w.:-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// The waiting origins hear it through their callers (and leave <paramref name="taken"/>); the rest of the set
    /// through the operator. The rest of the set is told first, so that whoever hears the answer finds the whole set's
    /// outcome recorded.
    /// </summary>
    private void Answer(List<PendingOrigin> taken, List<OriginRegistration> origins, RegistrationOutcome outcome)
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
            sets?.Concerned(calls.IsThisCompany, unasked, outcome);
        }

        settled.ForEach(p => p.Settle(outcome));
    }
}
