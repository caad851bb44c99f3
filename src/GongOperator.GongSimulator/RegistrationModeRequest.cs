namespace GongOperator.GongSimulator;

/// <summary>Body of <c>POST /_simulator/registration-mode</c>: <c>mode</c> is <c>add</c> or <c>replace</c>; <c>company</c> limits it to one company.</summary>
internal sealed record RegistrationModeRequest
{
    public string? Mode { get; init; }

    public string? Company { get; init; }
}
