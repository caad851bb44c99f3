namespace GongOperator.GongSimulator;

/// <summary>What a body said: every item as sent (for the call list), the valid items, and the validation errors.</summary>
internal sealed record ParsedRegistrationRequest(
    IReadOnlyList<SimulatedSetting> Items,
    IReadOnlyList<ValidSetting> Valid,
    IReadOnlyList<string> Errors)
{
    /// <summary>A body that was not read (refused before reading).</summary>
    public static ParsedRegistrationRequest Empty { get; } = new([], [], []);
}
