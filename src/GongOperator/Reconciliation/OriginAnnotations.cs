namespace GongOperator.Reconciliation;

/// <summary>Annotations a person sets on a GongIntegrationOrigin.</summary>
public static class OriginAnnotations
{
    /// <summary>Any new value asks for a registration now (inside the rate budget).</summary>
    public const string Reassert = "gongoperator.io/reassert";

    /// <summary>"true" stops all Gong calls for the resource until removed.</summary>
    public const string Paused = "gongoperator.io/paused";
}
