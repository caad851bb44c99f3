using System.Text.Json.Serialization;
using k8s.Models;

namespace GongOperator.Kubernetes.Tests.Support;

public sealed class WidgetStatus
{
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("observedSize")]
    public int? ObservedSize { get; set; }

    [JsonPropertyName("note")]
    public string? Note { get; set; }

    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}
