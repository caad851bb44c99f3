using System.Text.Json.Serialization;

namespace GongOperator.Kubernetes.Tests.Support;

public sealed class WidgetSpec
{
    [JsonPropertyName("size")]
    public int Size { get; set; }

    [JsonPropertyName("secretName")]
    public string? SecretName { get; set; }
}
