using GongOperator.Gong;

namespace GongOperator.Reconciliation;

/// <summary>
/// The credentials an origin resolves to: a company to call, or a <see cref="Problem"/> sentence (never a secret value).
/// <see cref="Version"/> is the Secret's resourceVersion, so a changed Secret can end a wait.
/// </summary>
public sealed record Credentials(string SecretName, GongCompany? Company, string? Problem, string? Version)
{
    /// <summary>
    /// Null when the origin's namespace may use this Secret; else why not (the operator-wide default Secret, for a
    /// namespace outside <c>--default-credentials-namespace-selector</c>). The planner makes no call then.
    /// </summary>
    public string? NotAllowedInNamespace { get; init; }

    /// <summary>The suffix lists an origin must be under, every one of them (none: any origin); the planner checks them.</summary>
    public IReadOnlyList<OriginSuffixes> OriginPolicies { get; init; } = [];
}
