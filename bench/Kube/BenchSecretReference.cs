using System.Text.Json.Serialization;

namespace GongOperator.Bench.Kube;

/// <summary>A reference to the credentials Secret in the origin's namespace.</summary>
internal sealed class BenchSecretReference
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";
}
