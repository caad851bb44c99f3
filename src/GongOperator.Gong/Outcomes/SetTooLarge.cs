namespace GongOperator.Gong;

/// <summary>
/// No call was made: the company's whole set (<see cref="RegistrationStrategyKind.FullSet"/>) holds more origins than
/// <see cref="GongClientOptions.MaxSetSize"/>, and a call may not carry less than the whole set.
/// </summary>
public sealed record SetTooLarge : RegistrationOutcome
{
    /// <summary>Creates the outcome.</summary>
    public SetTooLarge(int size, int maxSetSize)
        : base(null, null)
    {
        Size = size;
        MaxSetSize = maxSetSize;
    }

    /// <summary>Origins in the company's set.</summary>
    public int Size { get; }

    /// <summary>The most a call may carry.</summary>
    public int MaxSetSize { get; }
}
