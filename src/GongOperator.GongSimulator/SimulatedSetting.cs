namespace GongOperator.GongSimulator;

/// <summary>One item of a call's <c>integrationTypeSettings</c>, as sent (null where the field was missing or not a string).</summary>
public sealed record SimulatedSetting(string? IntegrationType, string? AllowedOrigin);
