namespace GongOperator.Cli;

/// <summary>The cluster could not be read for a plan; its message is the one line the user sees (exit code 1).</summary>
internal sealed class PlanClusterException(string message, Exception inner) : Exception(message, inner);
