using GongOperator.Gong;

namespace GongOperator.Reconciliation;

/// <summary>One registration in flight: what was sent, for which generation and credentials, and Gong's answer to come.</summary>
public sealed record PendingRegistration(long Generation, OriginRegistration Sent, Credentials Credentials, string? ReassertToken, Task<RegistrationOutcome> Outcome, CancellationTokenSource Cancellation);
