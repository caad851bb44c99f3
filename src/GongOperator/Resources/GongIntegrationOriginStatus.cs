using System.ComponentModel;
using System.Text.Json.Serialization;
using GongOperator.Crd;
using k8s.Models;

namespace GongOperator.Resources;

/// <summary>What the operator observed and did; written only by the operator.</summary>
[Description("Written by the operator. Gong cannot be read back, so this is the record of what Gong accepted.")]
public sealed class GongIntegrationOriginStatus
{
    [JsonPropertyName("observedGeneration")]
    [Description("The metadata.generation the operator last acted on. 0 means nothing has been observed yet.")]
    public long ObservedGeneration { get; set; }

    [JsonPropertyName("integrationId")]
    [Description("Gong's integrationId for the registration, as a string so that all 64 bits stay exact. " +
        "Set on success; kept until the next success replaces it.")]
    public string? IntegrationId { get; set; }

    [JsonPropertyName("registeredOrigin")]
    [Description("The origin Gong last accepted for this resource.")]
    public string? RegisteredOrigin { get; set; }

    [JsonPropertyName("registeredIntegrationType")]
    [Description("The integration type Gong last accepted for this resource.")]
    public string? RegisteredIntegrationType { get; set; }

    [JsonPropertyName("lastRegisteredTime")]
    [CrdFormat("date-time")]
    [Description("When Gong last accepted (200) or confirmed (409) the registration; drives periodic re-assertion.")]
    public DateTime? LastRegisteredTime { get; set; }

    [JsonPropertyName("lastRequestId")]
    [Description("Gong's requestId of the last call made for this resource, for Gong support.")]
    public string? LastRequestId { get; set; }

    [JsonPropertyName("reassertToken")]
    [Description("The value of the gongoperator.io/reassert annotation last acted on.")]
    public string? ReassertToken { get; set; }

    [JsonPropertyName("credentialsVersion")]
    [Description("The resourceVersion (never the content) of the credentials Secret used by the last attempt; a newer Secret ends a wait after a failure.")]
    public string? CredentialsVersion { get; set; }

    [JsonPropertyName("nextRetryTime")]
    [CrdFormat("date-time")]
    [Description("Set while waiting: the end of a 429's Retry-After, of a spent daily quota, or of a failure backoff. Cleared on success.")]
    public DateTime? NextRetryTime { get; set; }

    [JsonPropertyName("failedAttempts")]
    [Description("Consecutive failed attempts; drives the exponential backoff, so a restarted operator keeps it. Reset to 0 on success.")]
    public int FailedAttempts { get; set; }

    [JsonPropertyName("conditions")]
    [CrdListMap("type")]
    [Description("Ready (always), Reconciling (True while work is pending), Stalled (True when nothing will change until a person acts).")]
    public IList<V1Condition>? Conditions { get; set; }
}
