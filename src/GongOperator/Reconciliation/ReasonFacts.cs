using GongOperator.Gong;
using GongOperator.Resources;

namespace GongOperator.Reconciliation;

/// <summary>What a reason's message may say: the spec, the credentials Secret's name, Gong's answer, or a problem sentence. Never a secret value.</summary>
/// <param name="Spec">The origin's spec.</param>
/// <param name="SecretName">The credentials Secret as namespace/name ("" when none applies).</param>
/// <param name="Outcome">Gong's answer, for reasons that come from one.</param>
/// <param name="Problem">A sentence saying what is wrong, for reasons found without calling Gong.</param>
/// <param name="IntegrationIdUnknown">True when status holds no integrationId for the registered origin (after a 409 for an origin whose 200 was never recorded).</param>
public sealed record ReasonFacts(GongIntegrationOriginSpec Spec, string SecretName, RegistrationOutcome? Outcome = null, string? Problem = null, bool IntegrationIdUnknown = false);
