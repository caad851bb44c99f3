using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace GongOperator.Kubernetes.Tests.Support;

/// <summary>The test resource: a namespaced custom resource with spec and a status subresource.</summary>
[KubernetesEntity(Group = Widget.Group, ApiVersion = Widget.Version, Kind = "Widget", PluralName = "widgets")]
public sealed class Widget : IKubernetesObject<V1ObjectMeta>
{
    public const string Group = "test.gong.example";
    public const string Version = "v1";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "Widget";

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public WidgetSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public WidgetStatus? Status { get; set; }

    public static Widget Create(string ns, string name, int size = 1, string? secretName = null) => new()
    {
        Metadata = new V1ObjectMeta { NamespaceProperty = ns, Name = name },
        Spec = new WidgetSpec { Size = size, SecretName = secretName },
    };

    public Widget Clone() => KubernetesJson.Deserialize<Widget>(KubernetesJson.Serialize(this));
}
