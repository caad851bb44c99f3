namespace GongOperator.Kubernetes.Events;

/// <summary>The two core v1 Event types.</summary>
public static class EventTypes
{
    /// <summary>"Normal".</summary>
    public const string Normal = "Normal";

    /// <summary>"Warning".</summary>
    public const string Warning = "Warning";
}
