namespace GongOperator.GongSimulator;

/// <summary>Body of <c>POST /_simulator/conflict-mode</c>: <c>mode</c> is <c>conflict</c> or <c>ok</c>; <c>company</c> limits it to one company.</summary>
internal sealed record ConflictModeRequest
{
    public string? Mode { get; init; }

    public string? Company { get; init; }
}
