namespace GongOperator.Configuration;

/// <summary>
/// One setting of <see cref="OperatorOptions"/>: its flag name (also its environment variable and appsettings key),
/// its help text, and how a text value is applied. A bad value throws <see cref="FormatException"/> with a sentence.
/// </summary>
internal sealed record OperatorSetting(string Name, string Description, Func<OperatorOptions, string, OperatorOptions> Apply, bool IsSwitch = false)
{
    /// <summary>The flag, e.g. <c>--gong-batch-size</c>.</summary>
    public string Flag => "--" + Name;

    /// <summary>The environment variable, e.g. <c>GONG_OPERATOR_GONG_BATCH_SIZE</c>.</summary>
    public string EnvironmentVariable => "GONG_OPERATOR_" + Name.Replace('-', '_').ToUpperInvariant();
}
