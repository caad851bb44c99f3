namespace GongOperator.Gong.Api;

/// <summary>One element of integrationTypeSettings in the request body.</summary>
internal sealed record IntegrationTypeSetting(string IntegrationType, string AllowedOrigin);
