namespace GongOperator.GongSimulator;

/// <summary>
/// Body of <c>POST /_simulator/conflict-mode</c> (<c>mode</c> <c>conflict</c> or <c>ok</c>) and of
/// <c>POST /_simulator/registration-mode</c> (<c>add</c> or <c>replace</c>); <c>company</c> limits it to one company.
/// </summary>
internal sealed record ModeRequest
{
    public string? Mode { get; init; }

    public string? Company { get; init; }
}
