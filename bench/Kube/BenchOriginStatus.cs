using System.Text.Json.Serialization;
using k8s.Models;

namespace GongOperator.Bench.Kube;

/// <summary>The status fields the bench reads.</summary>
internal sealed class BenchOriginStatus
{
    [JsonPropertyName("integrationId")]
    public string? IntegrationId { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}
