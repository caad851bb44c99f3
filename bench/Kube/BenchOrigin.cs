using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace GongOperator.Bench.Kube;

/// <summary>
/// A GongIntegrationOrigin as the bench sees it on the wire: what a user's client writes and reads, nothing of the
/// operator's own types (the bench treats the operator as a black box).
/// </summary>
internal sealed class BenchOrigin : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "gongoperator.io";
    public const string Version = "v1alpha1";
    public const string Plural = "gongintegrationorigins";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "GongIntegrationOrigin";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public BenchOriginSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public BenchOriginStatus? Status { get; set; }

    /// <summary>The Ready condition is True (registered, or already registered).</summary>
    [JsonIgnore]
    public bool IsReady => Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
