namespace GongOperator.LocalCluster.Schema;

/// <summary>A CEL rule (<c>x-kubernetes-validations</c>) found in a schema; recorded, never evaluated.</summary>
/// <param name="Path">Dotted path of the schema node that carries the rule (<c>spec</c>; empty for the root).</param>
/// <param name="Rule">The CEL expression.</param>
/// <param name="Message">The rule's message, when given.</param>
/// <param name="MessageExpression">The rule's messageExpression, when given.</param>
/// <param name="Reason">The rule's reason, when given.</param>
/// <param name="FieldPath">The rule's fieldPath, when given.</param>
internal sealed record ValidationRule(
    string Path,
    string Rule,
    string? Message,
    string? MessageExpression,
    string? Reason,
    string? FieldPath);
