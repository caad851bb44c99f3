using System.ComponentModel;
using System.Text.Json.Serialization;
using GongOperator.Crd;

namespace GongOperator.Resources;

/// <summary>What the platform team asks Gong to allow.</summary>
[Description("The origin to allow in Gong and the integration type it is for.")]
public sealed class GongIntegrationOriginSpec
{
    /// <summary>The Gong integration type.</summary>
    [JsonPropertyName("integrationType")]
    [CrdRequired]
    [CrdEnum(typeof(IntegrationTypes), nameof(IntegrationTypes.All))]
    [Description("The Gong integration the origin is for (one of the enum's values).")]
    public string IntegrationType { get; set; } = "";

    /// <summary>The origin, scheme://host[:port].</summary>
    [JsonPropertyName("allowedOrigin")]
    [CrdRequired]
    [CrdPattern(OriginRules.Pattern, OriginRules.HostLengthPattern)]
    [CrdLength(MinLength = 1, MaxLength = OriginRules.MaxLength)]
    [Description("The origin Gong may load in an iFrame: https:// or http://, a lower-case host name, " +
        "optionally :port, and nothing else (no path, query, fragment, user info or wildcard). " +
        "Example: https://acme.partner.com. Gong refuses origins outside the partner's registered domain.")]
    public string AllowedOrigin { get; set; } = "";

    /// <summary>Optional credentials Secret in the same namespace.</summary>
    [JsonPropertyName("credentialsSecretRef")]
    [Description("A Secret in this resource's namespace holding the Gong credentials to use " +
        "(accessKey + accessKeySecret, or accessToken; optionally baseUrl). " +
        "When absent, the operator-wide default credentials are used.")]
    public SecretReference? CredentialsSecretRef { get; set; }
}
