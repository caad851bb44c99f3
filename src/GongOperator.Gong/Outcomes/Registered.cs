namespace GongOperator.Gong;

/// <summary>Gong answered 200: the origin is registered. Every origin of one successful batch gets the batch's one integrationId.</summary>
public sealed record Registered : RegistrationOutcome
{
    /// <summary>Creates the outcome.</summary>
    public Registered(long integrationId, string? requestId)
        : base(requestId, null)
    {
        IntegrationId = integrationId;
    }

    /// <summary>Gong's integrationId, exact (never passed through a double).</summary>
    public long IntegrationId { get; }
}
