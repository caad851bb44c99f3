namespace GongOperator.GongSimulator;

/// <summary>Gong's 200 body; the integrationId is written as a JSON number with all its digits.</summary>
internal sealed record GongSuccessBody(string RequestId, long IntegrationId);
