namespace GongOperator.GongSimulator;

/// <summary>The simulator's modes as their command-line and admin API words; one place, so the CLI and the admin API agree.</summary>
public static class SimulatorModes
{
    /// <summary><c>conflict</c> or <c>ok</c> (exactly, lower case); null for anything else.</summary>
    public static SimulatorConflictMode? ParseConflictMode(string? word) => word switch
    {
        "conflict" => SimulatorConflictMode.Conflict,
        "ok" => SimulatorConflictMode.Ok,
        _ => null,
    };

    /// <summary><c>add</c> or <c>replace</c> (exactly, lower case); null for anything else.</summary>
    public static SimulatorRegistrationMode? ParseRegistrationMode(string? word) => word switch
    {
        "add" => SimulatorRegistrationMode.Add,
        "replace" => SimulatorRegistrationMode.Replace,
        _ => null,
    };
}
