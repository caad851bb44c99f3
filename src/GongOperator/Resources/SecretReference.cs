using System.ComponentModel;
using System.Text.Json.Serialization;
using GongOperator.Crd;

namespace GongOperator.Resources;

/// <summary>Names a Secret in the referring object's own namespace.</summary>
[Description("A Secret in the same namespace as the GongIntegrationOrigin.")]
public sealed class SecretReference
{
    /// <summary>The Secret's name.</summary>
    [JsonPropertyName("name")]
    [CrdRequired]
    [CrdLength(MinLength = 1, MaxLength = 253)]
    [Description("Name of the Secret (in the same namespace; other namespaces are never read).")]
    public string Name { get; set; } = "";
}
