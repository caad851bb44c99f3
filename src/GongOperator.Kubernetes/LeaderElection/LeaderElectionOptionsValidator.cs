using Microsoft.Extensions.Options;

namespace GongOperator.Kubernetes.LeaderElection;

/// <summary>Checks <see cref="LeaderElectionOptions"/> at start with its own rules (<see cref="LeaderElectionOptions.Validate"/>).</summary>
public sealed class LeaderElectionOptionsValidator : IValidateOptions<LeaderElectionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LeaderElectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail("LeaderElectionOptions: " + e.Message);
        }
    }
}
