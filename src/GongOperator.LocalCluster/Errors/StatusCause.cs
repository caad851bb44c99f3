namespace GongOperator.LocalCluster.Errors;

/// <summary>One entry of a Status's <c>details.causes</c>.</summary>
internal sealed record StatusCause(string Reason, string Message, string? Field);
