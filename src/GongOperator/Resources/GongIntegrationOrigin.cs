using System.Text.Json.Serialization;
using GongOperator.Crd;
using k8s;
using k8s.Models;

namespace GongOperator.Resources;

/// <summary>A Gong allowed iFrame origin for one integration type, registered by the operator.</summary>
[KubernetesEntity(Group = Group, ApiVersion = Version, Kind = KindName, PluralName = Plural)]
[CrdNames(Singular = "gongintegrationorigin", ShortNames = ["gio"], Categories = ["gong"])]
[CrdDescription("GongIntegrationOrigin asks Gong to allow an iFrame origin for one integration type " +
    "(POST /v2/integration-settings). The operator registers it and records Gong's integrationId in status.")]
[PrinterColumn("Type", "string", ".spec.integrationType", "Gong integration type")]
[PrinterColumn("Origin", "string", ".spec.allowedOrigin", "Allowed iFrame origin")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether Gong has accepted the origin")]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", "Reason of the Ready condition")]
[PrinterColumn("Integration-ID", "string", ".status.integrationId", "Gong's integrationId (exact)")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", "Time since creation")]
public sealed class GongIntegrationOrigin : IKubernetesObject<V1ObjectMeta>, ISpec<GongIntegrationOriginSpec>, IStatus<GongIntegrationOriginStatus?>
{
    /// <summary>API group of the resource.</summary>
    public const string Group = "gongoperator.io";

    /// <summary>API version of the resource.</summary>
    public const string Version = "v1alpha1";

    /// <summary>Kind of the resource.</summary>
    public const string KindName = "GongIntegrationOrigin";

    /// <summary>Plural resource name.</summary>
    public const string Plural = "gongintegrationorigins";

    /// <summary>apiVersion as written in manifests.</summary>
    public const string ApiVersionValue = Group + "/" + Version;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiVersionValue;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindName;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    [CrdRequired]
    public GongIntegrationOriginSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    [CrdDefault("{\"observedGeneration\":0}")]
    public GongIntegrationOriginStatus? Status { get; set; }
}
