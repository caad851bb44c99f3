using GongOperator.Gong;
using GongOperator.OAuth;

namespace GongOperator.Reconciliation;

/// <summary>
/// The credentials an origin resolves to: a company to call, or a <see cref="Problem"/> sentence (never a secret value).
/// <see cref="Version"/> is the Secret's resourceVersion, so a changed Secret can end a wait. An OAuth seed has no company
/// until its authorization gives an access token: <see cref="Seed"/> is set instead.
/// </summary>
public sealed record Credentials(string SecretName, GongCompany? Company, string? Problem, string? Version, OAuthSeed? Seed = null)
{
    /// <summary>Whether a call can be attempted: a company, or an OAuth seed to get one from.</summary>
    public bool Usable => Company is not null || Seed is not null;

    /// <summary>
    /// Null when the origin's namespace may use this Secret; else why not (the operator-wide default Secret, for a
    /// namespace outside <c>--default-credentials-namespace-selector</c>). The planner makes no call then.
    /// </summary>
    public string? NotAllowedInNamespace { get; init; }

    /// <summary>The suffix lists an origin must be under, every one of them (none: any origin); the planner checks them.</summary>
    public IReadOnlyList<OriginSuffixes> OriginPolicies { get; init; } = [];
}
