namespace GongOperator.LocalCluster.Schema;

/// <summary>One validation failure, shaped like a Kubernetes <c>StatusCause</c>.</summary>
/// <param name="Reason">The cause type, e.g. <c>FieldValueRequired</c> or <c>FieldValueInvalid</c>.</param>
/// <param name="Field">The dotted field path (<c>spec.items[0].name</c>); <c>&lt;nil&gt;</c> for the object itself.</param>
/// <param name="Message">The error body exactly as the real server words it, e.g. <c>Required value</c>.</param>
internal sealed record FieldError(string Reason, string Field, string Message)
{
    /// <summary>The text the server uses in aggregated messages: <c>field: message</c>.</summary>
    public override string ToString() => Field + ": " + Message;
}
