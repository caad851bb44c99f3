namespace GongOperator.Kubernetes.Connection;

/// <summary>No usable connection configuration; the message names what is missing, on one line.</summary>
public sealed class KubernetesConnectionException : Exception
{
    public KubernetesConnectionException()
    {
    }

    public KubernetesConnectionException(string message)
        : base(message)
    {
    }

    public KubernetesConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
