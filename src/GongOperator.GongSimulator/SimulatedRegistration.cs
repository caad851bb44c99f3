namespace GongOperator.GongSimulator;

/// <summary>An origin the simulator has registered for a company, with the integrationId of the call that registered it.</summary>
public sealed record SimulatedRegistration(
    string Company,
    string IntegrationType,
    string AllowedOrigin,
    long IntegrationId,
    string RequestId,
    DateTimeOffset RegisteredAt);
