namespace GongOperator.Gong.Api;

/// <summary>The body of POST /v2/integration-settings.</summary>
internal sealed record IntegrationSettingsRequest(IReadOnlyList<IntegrationTypeSetting> IntegrationTypeSettings);
