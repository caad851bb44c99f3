namespace GongOperator.GongSimulator;

/// <summary>Gong's body for every error status.</summary>
internal sealed record GongErrorBody(string RequestId, IReadOnlyList<string> Errors);
