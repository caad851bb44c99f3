namespace GongOperator.Hosting;

/// <summary>The operator cannot start; <see cref="Exception.Message"/> is the one line to print, <see cref="ExitCode"/> the code.</summary>
public sealed class OperatorStartupException(string message, int exitCode = 1, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The process exit code: 2 for bad configuration, 1 for an unusable environment.</summary>
    public int ExitCode { get; } = exitCode;
}
