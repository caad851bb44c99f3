using GongOperator.Gong;

namespace GongOperator.Reconciliation;

/// <summary>
/// The credentials an origin resolves to: a company to call, or a <see cref="Problem"/> sentence (never a secret value).
/// <see cref="Version"/> is the Secret's resourceVersion, so a changed Secret can end a wait.
/// </summary>
public sealed record Credentials(string SecretName, GongCompany? Company, string? Problem, string? Version);
