using Microsoft.Extensions.Options;

namespace GongOperator.Kubernetes.Controllers;

/// <summary>The rules of <see cref="ControllerOptions"/>, checked at start (and by the controller's constructor).</summary>
public sealed class ControllerOptionsValidator : IValidateOptions<ControllerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add("ControllerOptions: Name is required (it labels metrics).");
        }

        if (options.MaxConcurrentReconciles < 1)
        {
            failures.Add("ControllerOptions: MaxConcurrentReconciles must be at least 1.");
        }

        if (options.GracefulShutdownTimeout < TimeSpan.Zero)
        {
            failures.Add("ControllerOptions: GracefulShutdownTimeout must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
