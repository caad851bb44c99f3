namespace GongOperator.Planning;

/// <summary>An origin the operator would make no call for, and why (a validation rule, or credentials that cannot work).</summary>
/// <param name="Name">namespace/name (just name for a namespace-less object from a file).</param>
/// <param name="Reason">The operator's own sentence: the InvalidSpec or CredentialsInvalid message it would write.</param>
internal sealed record RefusedOrigin(string Name, string Reason);
