namespace GongOperator.Planning;

/// <summary>What a plan costs one Gong company (or one credentials Secret whose company cannot be known).</summary>
/// <param name="Label">The company as it is safe to print (API host and key id or token fingerprint), or the unseen Secret.</param>
/// <param name="Secrets">The credentials Secrets that lead to it, as namespace/name.</param>
/// <param name="New">Origins never registered.</param>
/// <param name="Changed">Origins whose spec changed since they were registered.</param>
/// <param name="Unchanged">Origins registered at their generation, waiting, or paused.</param>
/// <param name="DueAgain">Of the unchanged, those due now anyway (a retry, a re-assertion, a reassert annotation, a changed Secret).</param>
/// <param name="WouldBeRemoved">fullSet: registered origins no object asks for any more; null where it cannot be known (incremental, or files).</param>
/// <param name="Calls">Gong calls at the configured batch size and strategy.</param>
/// <param name="Duration">How long the rate limit spreads those calls over (the first leaves at once).</param>
/// <param name="QuotaShare">Calls as a share of one day's quota (1 = all of it).</param>
internal sealed record CompanyPlan(
    string Label,
    IReadOnlyList<string> Secrets,
    int New,
    int Changed,
    int Unchanged,
    int DueAgain,
    int? WouldBeRemoved,
    int Calls,
    TimeSpan Duration,
    double QuotaShare);
