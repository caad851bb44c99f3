using System.Text.Json.Serialization;

namespace GongOperator.Bench.Kube;

/// <summary>The spec fields the bench writes.</summary>
internal sealed class BenchOriginSpec
{
    [JsonPropertyName("integrationType")]
    public string IntegrationType { get; set; } = "DIALER";

    [JsonPropertyName("allowedOrigin")]
    public string AllowedOrigin { get; set; } = "";

    [JsonPropertyName("credentialsSecretRef")]
    public BenchSecretReference? CredentialsSecretRef { get; set; }
}
