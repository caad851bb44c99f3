namespace GongOperator.Bench.Report;

/// <summary>The operator stopped (SIGTERM) and started again over N Ready origins.</summary>
/// <param name="ReadySeconds">From the new process's start to /readyz answering 200 (informers synced).</param>
/// <param name="SettledSeconds">From the new process's start until it had reconciled all N and held nothing queued or in work.</param>
/// <param name="GongCalls">Calls the simulator received from the stop until settled (must be 0).</param>
/// <param name="Reconciles">Reconciles the new process made until settled.</param>
/// <param name="RssMb">The new process's RSS once settled.</param>
internal sealed record RestartResult(double ReadySeconds, double SettledSeconds, int GongCalls, double Reconciles, double RssMb);
