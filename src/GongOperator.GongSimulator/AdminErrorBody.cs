namespace GongOperator.GongSimulator;

/// <summary>The admin API's body for a refused admin request.</summary>
internal sealed record AdminErrorBody(IReadOnlyList<string> Errors);
