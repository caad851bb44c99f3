namespace GongOperator.Kubernetes.Controllers;

/// <summary>A reconcile failure that retrying cannot fix: logged and counted, but the key is not requeued.</summary>
public sealed class TerminalReconcileException : Exception
{
    public TerminalReconcileException()
    {
    }

    public TerminalReconcileException(string message)
        : base(message)
    {
    }

    public TerminalReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
